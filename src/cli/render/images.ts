// `berth images` rows: docker/cli's imageContext (cli/command/formatter/image.go).
import type { ImageSummary } from '../../api/types';
import { humanSize, timeAgo, truncateID } from '../format/humanize';
import { familiarName, tryParseNamed } from '../opts/reference';
import { goTimeString } from './text';

export const IMAGES_DEFAULT_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';
export const IMAGES_DIGEST_TABLE = 'table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}';

export const IMAGES_HEADERS: Record<string, string> = {
  ID: 'IMAGE ID',
  Repository: 'REPOSITORY',
  Tag: 'TAG',
  Digest: 'DIGEST',
  CreatedSince: 'CREATED',
  CreatedAt: 'CREATED AT',
  Size: 'SIZE',
  Containers: 'CONTAINERS',
  VirtualSize: 'VIRTUAL SIZE',
  SharedSize: 'SHARED SIZE',
  UniqueSize: 'UNIQUE SIZE',
};

export class ImageContext {
  constructor(
    private readonly i: ImageSummary,
    private readonly repo: string,
    private readonly tag: string,
    private readonly digest: string,
    private readonly trunc: boolean,
    private readonly now: number = Date.now(),
  ) {}

  get ID(): string {
    return this.trunc ? truncateID(this.i.Id) : this.i.Id;
  }
  get Repository(): string {
    return this.repo;
  }
  get Tag(): string {
    return this.tag;
  }
  get Digest(): string {
    return this.digest;
  }
  get CreatedSince(): string {
    return timeAgo(this.i.Created * 1000, this.now);
  }
  get CreatedAt(): string {
    return goTimeString(this.i.Created * 1000);
  }
  get Size(): string {
    return humanSize(this.i.Size, 3);
  }
  get Containers(): string {
    return this.i.Containers === -1 || this.i.Containers === undefined ? 'N/A' : String(this.i.Containers);
  }
  get VirtualSize(): string {
    return humanSize(this.i.VirtualSize ?? this.i.Size, 4);
  }
  get SharedSize(): string {
    return this.i.SharedSize === -1 || this.i.SharedSize === undefined ? 'N/A' : humanSize(this.i.SharedSize, 3);
  }
  get UniqueSize(): string {
    return this.i.SharedSize === -1 || this.i.SharedSize === undefined ? 'N/A' : humanSize(this.i.Size - this.i.SharedSize, 3);
  }
}

function isDangling(img: ImageSummary): boolean {
  const tags = img.RepoTags ?? [];
  const digests = img.RepoDigests ?? [];
  if (tags.length === 0 && digests.length === 0) return true;
  return tags.length === 1 && tags[0] === '<none>:<none>' && digests.length === 1 && digests[0] === '<none>@<none>';
}

/**
 * One row per repository:tag (and per digest with --digests), as docker's
 * imageFormatTaggedAndDigest; an untagged image is one <none> row.
 */
export function imageRows(images: ImageSummary[], opts: { trunc: boolean; digests: boolean; now?: number }): ImageContext[] {
  const rows: ImageContext[] = [];
  const add = (img: ImageSummary, repo: string, tag: string, digest: string): void => {
    rows.push(new ImageContext(img, repo, tag, digest, opts.trunc, opts.now));
  };
  for (const img of images) {
    if (isDangling(img)) {
      add(img, '<none>', '<none>', '<none>');
      continue;
    }
    const repoTags = new Map<string, string[]>();
    const repoDigests = new Map<string, string[]>();
    for (const s of img.RepoTags ?? []) {
      const ref = tryParseNamed(s);
      if (!ref || !ref.tag || ref.digest) continue;
      const name = familiarName(ref);
      repoTags.set(name, [...(repoTags.get(name) ?? []), ref.tag]);
    }
    for (const s of img.RepoDigests ?? []) {
      const ref = tryParseNamed(s);
      if (!ref || !ref.digest) continue;
      const name = familiarName(ref);
      repoDigests.set(name, [...(repoDigests.get(name) ?? []), ref.digest]);
    }
    for (const [repo, tags] of repoTags) {
      let digests = repoDigests.get(repo) ?? [];
      repoDigests.delete(repo);
      if (!opts.digests) digests = [];
      for (const tag of tags) {
        if (digests.length === 0) {
          add(img, repo, tag, '<none>');
          continue;
        }
        for (const d of digests) add(img, repo, tag, d);
      }
    }
    for (const [repo, digests] of repoDigests) {
      if (opts.digests) for (const d of digests) add(img, repo, '<none>', d);
      else add(img, repo, '<none>', '');
    }
  }
  return rows;
}
