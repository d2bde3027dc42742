// Distribution API v2 on one repository: manifests (get, put), blobs (head,
// streamed get, uploads: monolithic, chunked, cross-repository mount) and
// tags. Everything fetched by digest is verified against it before the
// caller may rely on it — manifests here, blobs by the content store the
// stream goes into.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { invalidArgument, notFound, unavailable } from '../errdefs';
import { sha256Digest } from '../util/digest';
import { responseError } from './errors';
import { readBody } from './http';
import { pullScope, pushScope, type RegistrySession } from './session';
import { MANIFEST_ACCEPT } from './types';

export interface FetchedManifest {
  bytes: Buffer;
  mediaType: string;
  digest: string;
}

export interface UploadSource {
  /** Opens the blob's bytes [start, end) as a stream. */
  open(start: number, end: number): Promise<Readable>;
  digest: string;
  size: number;
}

export interface UploadOptions {
  /** Blobs up to this size go in one PUT; larger ones in PATCH chunks of this size. */
  chunkSize?: number;
  onProgress?: (sent: number) => void;
}

const DEFAULT_CHUNK = 64 << 20;

export class Repository {
  constructor(
    readonly session: RegistrySession,
    /** Repository path inside the registry: library/busybox, team/app. */
    readonly name: string,
    private readonly push = false,
  ) {}

  private get scopes(): string[] {
    return [this.push ? pushScope(this.name) : pullScope(this.name)];
  }

  private url(rest: string): string {
    return `/v2/${this.name}/${rest}`;
  }

  /** GET a manifest by tag or digest. A digest reference is verified against the bytes. */
  async manifest(tagOrDigest: string): Promise<FetchedManifest> {
    const res = await this.session.request({
      method: 'GET',
      path: this.url(`manifests/${tagOrDigest}`),
      scopes: this.scopes,
      headers: { Accept: MANIFEST_ACCEPT.join(', ') },
    });
    if (res.statusCode === 404) {
      const err = await responseError(res, 'manifest');
      throw notFound(`manifest for ${this.session.host}/${this.name}${tagOrDigest.includes(':') ? '@' : ':'}${tagOrDigest} not found: ${err.message}`);
    }
    if (res.statusCode !== 200) throw await responseError(res, 'manifest');
    const bytes = await readBody(res, 4 << 20);
    const digest = sha256Digest(bytes);
    if (tagOrDigest.startsWith('sha256:') && digest !== tagOrDigest) {
      throw invalidArgument(`manifest verification failed for digest ${tagOrDigest}: got ${digest}`);
    }
    // By tag there is nothing to check against but what the registry says it sent.
    const said = res.headers['docker-content-digest'];
    if (typeof said === 'string' && /^sha256:[a-f0-9]{64}$/.test(said) && said !== digest) {
      throw invalidArgument(`manifest verification failed: the registry said ${said}, the content is ${digest}`);
    }
    let mediaType = String(res.headers['content-type'] ?? '').split(';')[0].trim();
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as { mediaType?: string };
      if (parsed.mediaType) mediaType = parsed.mediaType;
      else if (!MANIFEST_ACCEPT.includes(mediaType as never)) {
        mediaType = 'manifests' in parsed ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.oci.image.manifest.v1+json';
      }
    } catch {
      throw invalidArgument(`manifest for ${this.session.host}/${this.name}:${tagOrDigest} is not valid JSON`);
    }
    return { bytes, mediaType, digest };
  }

  /** GET a blob as a stream (redirects followed); the caller verifies it. */
  async blob(digest: string, offset = 0): Promise<IncomingMessage> {
    const res = await this.session.request({
      method: 'GET',
      path: this.url(`blobs/${digest}`),
      scopes: this.scopes,
      headers: offset ? { Range: `bytes=${offset}-` } : undefined,
    });
    if (res.statusCode !== 200 && res.statusCode !== 206) throw await responseError(res, `blob ${digest}`);
    return res;
  }

  /** HEAD a blob: its size when the registry has it. */
  async blobSize(digest: string): Promise<number | undefined> {
    const res = await this.session.request({ method: 'HEAD', path: this.url(`blobs/${digest}`), scopes: this.scopes });
    res.resume();
    if (res.statusCode === 404) return undefined;
    if (res.statusCode !== 200) throw await responseError(res, `blob ${digest}`);
    return Number(res.headers['content-length'] ?? 0);
  }

  /**
   * Asks the registry to mount `digest` from repository `from` (same
   * registry). True when mounted; otherwise the upload the registry started
   * instead is cancelled and false returned.
   */
  async mount(digest: string, from: string): Promise<boolean> {
    const res = await this.session.request({
      method: 'POST',
      path: this.url(`blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`),
      scopes: [...this.scopes, pullScope(from)],
      headers: { 'Content-Length': '0' },
    });
    res.resume();
    if (res.statusCode === 201) return true;
    if (res.statusCode === 202 && res.headers.location) {
      await this.session.request({ method: 'DELETE', path: res.headers.location, scopes: this.scopes }).then((r) => r.resume(), () => {});
      return false;
    }
    if (res.statusCode === 202) return false;
    throw await responseError(res, 'blob mount');
  }

  /** Uploads a blob: one PUT when small, else PATCH chunks with Content-Range then the closing PUT. */
  async upload(src: UploadSource, opts: UploadOptions = {}): Promise<void> {
    const chunk = opts.chunkSize ?? DEFAULT_CHUNK;
    const start = await this.session.expect(
      { method: 'POST', path: this.url('blobs/uploads/'), scopes: this.scopes, headers: { 'Content-Length': '0' } },
      [202],
      'upload start',
    );
    start.resume();
    let location = locationOf(start);
    if (src.size <= chunk) {
      const body = await src.open(0, src.size);
      let sent = 0;
      body.on('data', (b: Buffer) => opts.onProgress?.((sent += b.length)));
      const res = await this.session.expect(
        {
          method: 'PUT',
          path: withDigest(location, src.digest),
          scopes: this.scopes,
          headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(src.size) },
          body,
        },
        [201],
        'blob upload',
      );
      res.resume();
      return;
    }
    for (let off = 0; off < src.size; off += chunk) {
      const end = Math.min(off + chunk, src.size);
      const body = await src.open(off, end);
      let sent = off;
      body.on('data', (b: Buffer) => opts.onProgress?.((sent += b.length)));
      const res = await this.session.expect(
        {
          method: 'PATCH',
          path: location,
          scopes: this.scopes,
          headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(end - off), 'Content-Range': `${off}-${end - 1}` },
          body,
        },
        [202],
        'blob upload chunk',
      );
      res.resume();
      location = locationOf(res);
    }
    const fin = await this.session.expect(
      { method: 'PUT', path: withDigest(location, src.digest), scopes: this.scopes, headers: { 'Content-Length': '0' } },
      [201],
      'blob upload',
    );
    fin.resume();
  }

  /** PUT a manifest under a tag (or its digest); returns the digest the registry reports. */
  async putManifest(tagOrDigest: string, mediaType: string, bytes: Buffer): Promise<string> {
    const res = await this.session.expect(
      {
        method: 'PUT',
        path: this.url(`manifests/${tagOrDigest}`),
        scopes: this.scopes,
        headers: { 'Content-Type': mediaType, 'Content-Length': String(bytes.length) },
        body: bytes,
      },
      [201],
      'manifest upload',
    );
    res.resume();
    const digest = sha256Digest(bytes);
    const reported = res.headers['docker-content-digest'];
    if (typeof reported === 'string' && reported && reported !== digest) {
      throw unavailable(`the registry stored manifest ${reported} but berth sent ${digest}`);
    }
    return digest;
  }

  /** Every tag, following the Link pagination. */
  async tags(): Promise<string[]> {
    const out: string[] = [];
    let path: string | undefined = this.url('tags/list?n=1000');
    while (path) {
      const res = await this.session.expect({ method: 'GET', path, scopes: this.scopes }, [200], 'tags list');
      const body = JSON.parse((await readBody(res)).toString('utf8')) as { tags?: string[] | null };
      out.push(...(body.tags ?? []));
      path = nextLink(res);
    }
    return out;
  }
}

/** GET /v2/_catalog, following pagination: every repository name. */
export async function catalog(session: RegistrySession): Promise<string[]> {
  const out: string[] = [];
  let path: string | undefined = '/v2/_catalog?n=1000';
  while (path) {
    const res = await session.expect({ method: 'GET', path, scopes: ['registry:catalog:*'] }, [200], 'catalog');
    const body = JSON.parse((await readBody(res)).toString('utf8')) as { repositories?: string[] | null };
    out.push(...(body.repositories ?? []));
    path = nextLink(res);
  }
  return out;
}

function locationOf(res: IncomingMessage): string {
  const loc = res.headers.location;
  if (!loc) throw unavailable('the registry started an upload without a Location');
  return loc;
}

function withDigest(location: string, digest: string): string {
  return `${location}${location.includes('?') ? '&' : '?'}digest=${encodeURIComponent(digest)}`;
}

/** RFC 5988 Link: </v2/_catalog?last=x&n=100>; rel="next" */
function nextLink(res: IncomingMessage): string | undefined {
  const link = res.headers.link;
  const m = typeof link === 'string' ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
  return m ? m[1] : undefined;
}
