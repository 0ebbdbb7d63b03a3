import { BlockList, isIP } from 'node:net';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether an address names this computer only: `localhost`, 127.0.0.0/8 or ::1 (also written in
 * full, in brackets, or as an IPv4-mapped address such as ::ffff:127.0.0.1). Anything else —
 * 0.0.0.0, ::, a LAN address, a host name — may be reached from elsewhere.
 */
export function isLoopbackAddress(address: string | undefined | null): boolean {
  if (!address) return false;
  let value = address.trim().toLowerCase();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  if (value === 'localhost' || value === 'localhost.') return true;
  const family = isIP(value);
  return family !== 0 && LOOPBACK.check(value, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Whether an HTTP Host header (or X-Forwarded-Host) names this computer: `localhost:3000`,
 * `127.0.0.1`, `[::1]:3000`. A page from another site that re-points its own name at 127.0.0.1
 * (DNS rebinding) still sends its own name here, so it is not a loopback host.
 */
export function isLoopbackHost(host: string | undefined | null): boolean {
  if (!host) return false;
  const value = host.trim();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    const rest = value.slice(end + 1);
    return end > 0 && (rest === '' || /^:\d+$/.test(rest)) && isLoopbackAddress(value.slice(1, end));
  }
  const colons = value.split(':').length - 1;
  // A bare IPv6 address is not a valid Host header; `name:port` has one colon.
  if (colons > 1) return false;
  const [name, port] = value.split(':');
  return (port === undefined || /^\d+$/.test(port)) && isLoopbackAddress(name);
}
