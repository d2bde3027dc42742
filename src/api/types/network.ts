// Engine API v1.47 network types (NetworkResource, NetworkCreateRequest, …).
import type { EndpointSettings } from './container';

export interface IPAMConfig {
  Subnet?: string;
  IPRange?: string;
  Gateway?: string;
  AuxiliaryAddresses?: Record<string, string>;
}

export interface IPAM {
  Driver?: string;
  Config?: IPAMConfig[] | null;
  Options?: Record<string, string> | null;
}

export interface NetworkContainer {
  Name: string;
  EndpointID: string;
  MacAddress: string;
  IPv4Address: string;
  IPv6Address: string;
}

/** GET /networks, GET /networks/{id} */
export interface NetworkResource {
  Name: string;
  Id: string;
  Created: string;
  Scope: string;
  Driver: string;
  EnableIPv4?: boolean;
  EnableIPv6: boolean;
  IPAM: IPAM;
  Internal: boolean;
  Attachable: boolean;
  Ingress: boolean;
  ConfigFrom: { Network: string };
  ConfigOnly: boolean;
  Containers: Record<string, NetworkContainer>;
  Options: Record<string, string>;
  Labels: Record<string, string>;
}

/** POST /networks/create */
export interface NetworkCreateRequest {
  Name: string;
  CheckDuplicate?: boolean;
  Driver?: string;
  Scope?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Ingress?: boolean;
  EnableIPv6?: boolean;
  IPAM?: IPAM;
  Options?: Record<string, string>;
  Labels?: Record<string, string>;
}

export interface NetworkCreateResponse {
  Id: string;
  Warning: string;
}

/** POST /networks/{id}/connect */
export interface NetworkConnectRequest {
  Container: string;
  EndpointConfig?: EndpointSettings;
}

/** POST /networks/{id}/disconnect */
export interface NetworkDisconnectRequest {
  Container: string;
  Force?: boolean;
}

export interface NetworkPruneResponse {
  NetworksDeleted: string[] | null;
}
