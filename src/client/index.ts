// The berth Engine API client. Imports only api/types (see DESIGN.md).
export { Client, readAll, type ClientOptions, type CallOptions } from './client';
export { ClientError, ConnectionError, StreamError } from './errors';
export { parseHost, DEFAULT_HOST, HostParseError, type HostSpec } from './host';
export { Demuxer, demuxStream, encodeFrame, type Frame } from './demux';
export { readJSONStream } from './jsonstream';
export type { HijackedStream } from './hijack';
export { CLIENT_API_VERSION, compareVersions, negotiateVersion } from './negotiate';
export { encodeFilters, encodeQuery } from './query';
export type { ListOptions, StopOptions, RemoveOptions, LogsOptions, AttachOptions, ContainerTopResponse, ContainerPathStat } from './containers';
export type { ExecCreateRequest, ExecCreateResponse, ExecStartOptions, ExecInspectResponse } from './exec';
export type { ImageListOptions, ImportOptions, BuildImageOptions } from './images';
export { readEvents, type ReceivedEvent } from './system';
