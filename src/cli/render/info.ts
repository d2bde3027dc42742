// `berth info` output: docker's prettyPrintInfo (cli/command/system/info.go), a subset.
import type { SystemInfo } from '../../api/types';
import { bytesSize } from '../format/humanize';

export interface ClientInfo {
  Version: string;
  Context: string;
  Debug: boolean;
}

export function clientInfoLines(c: ClientInfo): string[] {
  return ['Client:', ` Version:    ${c.Version}`, ` Context:    ${c.Context}`, ` Debug Mode: ${c.Debug}`];
}

/** "name=seccomp,profile=default" -> {name, options} */
function decodeSecurityOption(s: string): { name: string; options: [string, string][] } {
  let name = '';
  const options: [string, string][] = [];
  for (const kv of s.split(',')) {
    const eq = kv.indexOf('=');
    const k = eq < 0 ? kv : kv.slice(0, eq);
    const v = eq < 0 ? '' : kv.slice(eq + 1);
    if (k === 'name') name = v;
    else options.push([k, v]);
  }
  return { name: name || s, options };
}

export function serverInfoLines(info: SystemInfo): string[] {
  const out: string[] = ['Server:'];
  const add = (s: string): number => out.push(s);
  add(` Containers: ${info.Containers}`);
  add(`  Running: ${info.ContainersRunning}`);
  add(`  Paused: ${info.ContainersPaused}`);
  add(`  Stopped: ${info.ContainersStopped}`);
  add(` Images: ${info.Images}`);
  add(` Server Version: ${info.ServerVersion}`);
  add(` Storage Driver: ${info.Driver}`);
  for (const [k, v] of info.DriverStatus ?? []) add(`  ${k}: ${v}`);
  add(` Logging Driver: ${info.LoggingDriver}`);
  add(` Cgroup Driver: ${info.CgroupDriver}`);
  add(` Cgroup Version: ${info.CgroupVersion}`);
  const p = info.Plugins ?? {};
  add(' Plugins:');
  add(`  Volume: ${(p.Volume ?? []).join(' ')}`);
  add(`  Network: ${(p.Network ?? []).join(' ')}`);
  if (p.Authorization && p.Authorization.length) add(`  Authorization: ${p.Authorization.join(' ')}`);
  add(`  Log: ${(p.Log ?? []).join(' ')}`);
  if (info.CDISpecDirs && info.CDISpecDirs.length) {
    add(' CDI spec directories:');
    for (const d of info.CDISpecDirs) add(`  ${d}`);
  }
  if (info.Swarm?.LocalNodeState) add(` Swarm: ${info.Swarm.LocalNodeState}`);
  const runtimes = Object.keys(info.Runtimes ?? {}).sort();
  if (runtimes.length) add(` Runtimes: ${runtimes.join(' ')}`);
  add(` Default Runtime: ${info.DefaultRuntime}`);
  add(` Init Binary: ${info.InitBinary}`);
  add(` containerd version: ${info.ContainerdCommit?.ID ?? ''}`);
  add(` runc version: ${info.RuncCommit?.ID ?? ''}`);
  add(` init version: ${info.InitCommit?.ID ?? ''}`);
  if (info.SecurityOptions && info.SecurityOptions.length) {
    add(' Security Options:');
    for (const so of info.SecurityOptions.map(decodeSecurityOption)) {
      add(`  ${so.name}`);
      for (const [k, v] of so.options) if (k === 'profile') add(`   Profile: ${v}`);
    }
  }
  add(` Kernel Version: ${info.KernelVersion}`);
  add(` Operating System: ${info.OperatingSystem}`);
  add(` OSType: ${info.OSType}`);
  add(` Architecture: ${info.Architecture}`);
  add(` CPUs: ${info.NCPU}`);
  add(` Total Memory: ${bytesSize(info.MemTotal)}`);
  add(` Name: ${info.Name}`);
  add(` ID: ${info.ID}`);
  add(` Berth Root Dir: ${info.DockerRootDir}`);
  add(` Debug Mode: ${info.Debug}`);
  if (info.Debug) {
    add(`  File Descriptors: ${info.NFd}`);
    add(`  Goroutines: ${info.NGoroutines}`);
    add(`  System Time: ${info.SystemTime}`);
    add(`  EventsListeners: ${info.NEventsListener}`);
  }
  if (info.HttpProxy) add(` HTTP Proxy: ${info.HttpProxy}`);
  if (info.HttpsProxy) add(` HTTPS Proxy: ${info.HttpsProxy}`);
  if (info.NoProxy) add(` No Proxy: ${info.NoProxy}`);
  if (info.Labels && info.Labels.length) {
    add(' Labels:');
    for (const l of info.Labels) add(`  ${l}`);
  }
  add(` Experimental: ${info.ExperimentalBuild}`);
  const reg = info.RegistryConfig;
  if (reg && ((reg.InsecureRegistryCIDRs ?? []).length > 0 || Object.keys(reg.IndexConfigs ?? {}).length > 0)) {
    add(' Insecure Registries:');
    for (const idx of Object.values(reg.IndexConfigs ?? {})) if (!idx.Secure) add(`  ${idx.Name}`);
    for (const cidr of reg.InsecureRegistryCIDRs ?? []) add(`  ${cidr}`);
  }
  if (reg && (reg.Mirrors ?? []).length) {
    add(' Registry Mirrors:');
    for (const m of reg.Mirrors ?? []) add(`  ${m}`);
  }
  add(` Live Restore Enabled: ${info.LiveRestoreEnabled}`);
  if (info.ProductLicense) add(` Product License: ${info.ProductLicense}`);
  if (info.DefaultAddressPools && info.DefaultAddressPools.length) {
    add(' Default Address Pools:');
    for (const pool of info.DefaultAddressPools) add(`   Base: ${pool.Base}, Size: ${pool.Size}`);
  }
  return out;
}
