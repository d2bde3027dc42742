// Distribution (registry API v2) types: media types, descriptors, manifests,
// indexes, and the credentials a caller hands the client. Docker schema 2 and
// OCI are the same shapes with different media types.

export const MEDIA = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  dockerForeignLayerGzip: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar',
  ociLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
} as const;

/** What a manifest GET accepts, in preference order. */
export const MANIFEST_ACCEPT = [MEDIA.dockerManifest, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.ociIndex];

export const isIndexType = (mt: string | undefined): boolean => mt === MEDIA.dockerList || mt === MEDIA.ociIndex;
export const isManifestType = (mt: string | undefined): boolean => mt === MEDIA.dockerManifest || mt === MEDIA.ociManifest;

export interface Platform {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  'os.features'?: string[];
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: Platform;
}

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

/**
 * Credentials for one registry, as Docker's X-Registry-Auth header and
 * config.json carry them. Never logged, never part of an error message.
 */
export interface AuthConfig {
  username?: string;
  password?: string;
  /** base64("user:password"), config.json's form. */
  auth?: string;
  serveraddress?: string;
  /** An OAuth2 refresh token from an earlier login. */
  identitytoken?: string;
  /** A bearer token to send as is. */
  registrytoken?: string;
}

/** Looks credentials up by registry host (docker.io for Docker Hub). */
export type CredentialLookup = (host: string) => AuthConfig | undefined;
