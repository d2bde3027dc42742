// Options and messages of a build, and the state of one build stage.
import type { ContainerConfig, ProgressMessage } from '../../image';
import type { AuthConfig } from '../../registry';

export interface BuildOptions {
  dockerfile: string;
  /** Dockerfile text given directly (otherwise read from the context). */
  dockerfileText?: string;
  tags: string[];
  buildArgs: Record<string, string | null>;
  target?: string;
  noCache: boolean;
  pull: boolean;
  labels: Record<string, string>;
  rm: boolean;
  forceRm: boolean;
  platform?: string;
  /** Credentials for FROM pulls, by registry as the docker CLI keys them. */
  authConfigs?: Record<string, AuthConfig>;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
  /** What RUN containers get of a container's host config: `networkmode` and `extrahosts` of the build request. */
  runHost?: RunHostConfig;
}

/** The part of a RUN container's HostConfig a build request sets. */
export interface RunHostConfig {
  /** "default" (or empty): the default bridge; "none", "host", or a user network's name or ID. */
  NetworkMode?: string;
  /** "host:ip" entries added to the RUN container's /etc/hosts. */
  ExtraHosts?: string[];
}

export interface BuildMessage extends ProgressMessage {
  stream?: string;
}

/** Proxy args every build accepts without an ARG (and keeps out of the cache key and history). */
export const PROXY_ARGS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'];

export interface Stage {
  name?: string;
  index: number;
  imageId: string;
  config: ContainerConfig;
  author?: string;
  /** Declared ARGs and their values in this stage. */
  args: Map<string, string | undefined>;
  cmdSet: boolean;
}
