// --dns, --add-host validation (docker opts.ValidateIPAddress, ValidateExtraHost).
import * as net from 'node:net';

export function isIP(s: string): boolean {
  return net.isIP(s) !== 0;
}

/** opts.ValidateIPAddress: returns the canonical address. */
export function validateIPAddress(val: string): string {
  const v = val.trim();
  if (isIP(v)) return v;
  throw new Error(`IP address is not correctly formatted: ${val}`);
}

/** opts.ValidateExtraHost: "host:ip" or "host=ip" (ip may be "host-gateway" or [v6]). */
export function validateExtraHost(val: string): string {
  let sep = val.indexOf('=');
  if (sep < 0) sep = val.indexOf(':');
  const k = sep < 0 ? val : val.slice(0, sep);
  let v = sep < 0 ? '' : val.slice(sep + 1);
  if (sep < 0 || k === '' || k.includes(':')) throw new Error(`bad format for add-host: ${JSON.stringify(val)}`);
  if (v !== 'host-gateway') {
    if (v.startsWith('[') && v.endsWith(']') && v.length > 2) v = v.slice(1, -1);
    if (!isIP(v)) throw new Error(`invalid IP address in add-host: ${JSON.stringify(v)}`);
  }
  return `${k}:${v}`;
}
