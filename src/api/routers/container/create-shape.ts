// The shape of a create request (Config + HostConfig + NetworkingConfig), for
// Go-style type checks before the backend sees it.
import type { Shape } from '../../server/shape';

const strings: Shape = { list: 'string' };
const stringMap: Shape = { map: 'string' };

const hostConfig: Shape = {
  struct: 'HostConfig',
  fields: {
    Binds: strings, ContainerIDFile: 'string', NetworkMode: 'string', VolumeDriver: 'string', VolumesFrom: strings,
    LogConfig: { struct: 'LogConfig', fields: { Type: 'string', Config: stringMap } },
    PortBindings: { map: { list: { struct: 'nat.PortBinding', fields: { HostIp: 'string', HostPort: 'string' } } } },
    RestartPolicy: { struct: 'RestartPolicy', fields: { Name: 'string', MaximumRetryCount: 'int' } },
    AutoRemove: 'bool', ConsoleSize: { tuple: ['int', 'int'] }, Annotations: stringMap,
    CapAdd: strings, CapDrop: strings, CgroupnsMode: 'string', Dns: strings, DnsOptions: strings, DnsSearch: strings,
    ExtraHosts: strings, GroupAdd: strings, IpcMode: 'string', Cgroup: 'string', Links: strings, OomScoreAdj: 'int',
    PidMode: 'string', Privileged: 'bool', PublishAllPorts: 'bool', ReadonlyRootfs: 'bool', SecurityOpt: strings,
    StorageOpt: stringMap, Tmpfs: stringMap, UTSMode: 'string', UsernsMode: 'string', ShmSize: 'int', Sysctls: stringMap,
    Runtime: 'string', Isolation: 'string', CpuShares: 'int', Memory: 'int', NanoCpus: 'int', CgroupParent: 'string',
    BlkioWeight: 'int', CpuPeriod: 'int', CpuQuota: 'int', CpuRealtimePeriod: 'int', CpuRealtimeRuntime: 'int',
    CpusetCpus: 'string', CpusetMems: 'string',
    Devices: { list: { struct: 'DeviceMapping', fields: { PathOnHost: 'string', PathInContainer: 'string', CgroupPermissions: 'string' } } },
    DeviceCgroupRules: strings, MemoryReservation: 'int', MemorySwap: 'int', MemorySwappiness: 'int', OomKillDisable: 'bool',
    Init: 'bool', PidsLimit: 'int', Ulimits: { list: { struct: 'units.Ulimit', fields: { Name: 'string', Soft: 'int', Hard: 'int' } } },
    Mounts: { list: { struct: 'mount.Mount', fields: { Type: 'string', Source: 'string', Target: 'string', ReadOnly: 'bool', Consistency: 'string' } } },
    MaskedPaths: strings, ReadonlyPaths: strings,
  },
};

export const CREATE_SHAPE: Shape = {
  struct: 'ContainerConfigWrapper',
  fields: {
    Hostname: 'string', Domainname: 'string', User: 'string', AttachStdin: 'bool', AttachStdout: 'bool', AttachStderr: 'bool',
    ExposedPorts: { map: 'any' }, Tty: 'bool', OpenStdin: 'bool', StdinOnce: 'bool', Env: strings, Cmd: 'strslice',
    Healthcheck: { struct: 'HealthConfig', fields: { Test: 'strslice', Interval: 'int', Timeout: 'int', StartPeriod: 'int', StartInterval: 'int', Retries: 'int' } },
    ArgsEscaped: 'bool', Image: 'string', Volumes: { map: 'any' }, WorkingDir: 'string', Entrypoint: 'strslice',
    NetworkDisabled: 'bool', MacAddress: 'string', OnBuild: strings, Labels: stringMap, StopSignal: 'string', StopTimeout: 'int',
    Shell: 'strslice', HostConfig: hostConfig,
    NetworkingConfig: { struct: 'NetworkingConfig', fields: { EndpointsConfig: { map: 'any' } } },
  },
};

/** POST /containers/{id}/update takes the resources part of HostConfig plus RestartPolicy. */
export const UPDATE_SHAPE: Shape = { struct: 'UpdateConfig', fields: (hostConfig as { fields: Record<string, Shape> }).fields };
