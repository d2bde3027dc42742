// What the network router needs; daemon/network-backend.ts provides it.
import type {
  NetworkConnectRequest,
  NetworkCreateRequest,
  NetworkCreateResponse,
  NetworkDisconnectRequest,
  NetworkPruneResponse,
  NetworkResource,
} from '../../types/network';

export interface NetworkBackend {
  list(filters: Map<string, string[]>): NetworkResource[];
  inspect(ref: string): NetworkResource;
  create(body: NetworkCreateRequest | undefined): Promise<NetworkCreateResponse>;
  remove(ref: string): Promise<void>;
  connect(ref: string, body: NetworkConnectRequest | undefined): Promise<void>;
  disconnect(ref: string, body: NetworkDisconnectRequest | undefined): Promise<void>;
  prune(filters: Map<string, string[]>): Promise<NetworkPruneResponse>;
}
