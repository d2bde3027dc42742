// What berthd keeps about networks and endpoints (SQLite rows, see
// metadata/networks.ts) and the storage interface the network layer needs.

export type Driver = 'bridge' | 'host' | 'null';

export interface NetworkRecord {
  id: string;
  name: string;
  driver: Driver;
  created: string;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  /** Driver options as given (com.docker.network.bridge.name, …). */
  options: Record<string, string>;
  /** IPv4 config; absent for host and none. */
  subnet?: string;
  gateway?: string;
  ipRange?: string;
  /** Whether the user chose the subnet (Docker allows --ip only then). */
  userSubnet?: boolean;
  /** A user subnet without a gateway: inspect's IPAM Config shows no Gateway, as dockerd echoes the config as sent. */
  noUserGateway?: boolean;
  /** IPAM AuxiliaryAddresses as sent (reserved names → addresses; shown back in inspect). */
  auxAddresses?: Record<string, string>;
  /**
   * IPv6 pool of the IPAM config (one at most, always the user's: there are
   * no default IPv6 pools). Endpoints get an address from it only with
   * EnableIPv6, as dockerd 20.10 (which keeps and shows the pool either way).
   */
  enableIPv6?: boolean;
  subnet6?: string;
  gateway6?: string;
  ipRange6?: string;
  noUserGateway6?: boolean;
  auxAddresses6?: Record<string, string>;
  /** The Linux bridge device. */
  bridge?: string;
  /** bridge, host, none: made by berthd, cannot be removed. */
  predefined: boolean;
}

export type Proto = 'tcp' | 'udp' | 'sctp';

export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  proto: Proto;
}

export interface EndpointRecord {
  containerId: string;
  networkId: string;
  endpointId: string;
  ifname: string;
  ip: string;
  prefixLen: number;
  gateway: string;
  mac: string;
  /** The IPv6 address on an EnableIPv6 network. */
  ip6?: string;
  prefixLen6?: number;
  gateway6?: string;
  /** IPAMConfig.LinkLocalIPs added to the interface. */
  linkLocalIPs?: string[];
  /** User aliases (--network-alias, connect --alias). */
  aliases: string[];
  /** Host ports published through this endpoint (portmap). */
  ports: PublishedPort[];
  netns: string;
}

export interface NetworkStore {
  networks(): NetworkRecord[];
  network(id: string): NetworkRecord | undefined;
  /** The same, shared with other readers (cached): never change what it returns. */
  readonlyNetwork(id: string): Readonly<NetworkRecord> | undefined;
  readonlyNetworkByName(name: string): Readonly<NetworkRecord> | undefined;
  networkByName(name: string): NetworkRecord | undefined;
  putNetwork(n: NetworkRecord): void;
  deleteNetwork(id: string): void;
  endpoints(filter?: { containerId?: string; networkId?: string }): EndpointRecord[];
  putEndpoint(e: EndpointRecord): void;
  deleteEndpoint(containerId: string, networkId: string): void;
}
