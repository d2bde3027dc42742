// The resolved Compose model: files loaded, interpolated, merged, extended,
// profiles applied and every short form turned into the long one, as
// `compose config` prints it and the verbs use it.

export interface PortConfig {
  target: number;
  published?: string;
  host_ip?: string;
  protocol: string;
  mode?: string;
}

export interface ServiceVolume {
  type: 'volume' | 'bind' | 'tmpfs';
  /** The project volume's key, or an absolute host path; absent for an anonymous volume. */
  source?: string;
  target: string;
  read_only?: boolean;
  bind?: { create_host_path?: boolean };
}

export interface DependsOn {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  restart?: boolean;
  required: boolean;
}

export interface ServiceNetwork {
  aliases?: string[];
  ipv4_address?: string;
  ipv6_address?: string;
}

export interface Healthcheck {
  test?: string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
  disable?: boolean;
}

export interface BuildConfig {
  context: string;
  dockerfile?: string;
  args?: Record<string, string>;
  target?: string;
  labels?: Record<string, string>;
}

export interface Service {
  name: string;
  image?: string;
  build?: BuildConfig;
  command?: string[] | null;
  entrypoint?: string[] | null;
  environment: Record<string, string | null>;
  ports: PortConfig[];
  expose: string[];
  volumes: ServiceVolume[];
  tmpfs: string[];
  /** Absent with network_mode. */
  networks?: Record<string, ServiceNetwork | null>;
  network_mode?: string;
  links: string[];
  external_links: string[];
  depends_on: Record<string, DependsOn>;
  healthcheck?: Healthcheck;
  restart?: string;
  user?: string;
  working_dir?: string;
  hostname?: string;
  domainname?: string;
  labels: Record<string, string>;
  init?: boolean;
  read_only?: boolean;
  cap_add: string[];
  cap_drop: string[];
  privileged?: boolean;
  security_opt: string[];
  devices: string[];
  dns: string[];
  dns_search: string[];
  extra_hosts: string[];
  ulimits: Record<string, { soft: number; hard: number }>;
  sysctls: Record<string, string>;
  stop_signal?: string;
  stop_grace_period?: string;
  tty?: boolean;
  stdin_open?: boolean;
  logging?: { driver?: string; options?: Record<string, string> };
  mem_limit?: number;
  cpus?: number;
  /** deploy.replicas / scale, 1 when neither is given. */
  scale: number;
  profiles: string[];
  container_name?: string;
  pull_policy?: string;
  shm_size?: number;
  pid?: string;
  ipc?: string;
  volumes_from: string[];
}

export interface NetworkDef {
  name: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  ipam?: { driver?: string; config?: { subnet?: string; gateway?: string; ip_range?: string }[] };
  internal?: boolean;
  attachable?: boolean;
  enable_ipv6?: boolean;
  external?: boolean;
  labels: Record<string, string>;
}

export interface VolumeDef {
  name: string;
  driver?: string;
  driver_opts?: Record<string, string>;
  external?: boolean;
  labels: Record<string, string>;
}

export interface Project {
  name: string;
  workingDir: string;
  configFiles: string[];
  services: Record<string, Service>;
  networks: Record<string, NetworkDef>;
  volumes: Record<string, VolumeDef>;
  /** The variables interpolation saw (environment over .env), for verbs that need them. */
  environment: Record<string, string>;
}

/** A file's problem, named as docker compose names it: the file, then the path of the key. */
export class ComposeError extends Error {}
