// Owns the SSRF check on provider base URLs: scheme, host, and private/loopback address ranges.

const BLOCKED_HOST_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa'];

function ipv4Blocked(host: string): boolean {
  const parts = host.split('.').map(Number);
  const [a = -1, b = -1] = parts;
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && parts[2] === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224 // multicast and reserved
  );
}

function isIpv4(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) && host.split('.').every((p) => Number(p) <= 255);
}

function ipv6Blocked(host: string): boolean {
  const h = host.toLowerCase();
  if (h === '::' || h === '::1') return true;
  // IPv4-mapped (::ffff:a.b.c.d or ::ffff:7f00:1) is judged by the embedded address when written dotted.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(h);
  if (mapped?.[1]) return ipv4Blocked(mapped[1]);
  if (h.startsWith('::ffff:')) return true;
  const first = Number.parseInt(h.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}

/** Returns a reason the URL may not be used as a provider base URL, or null when it is acceptable. */
export function checkProviderUrl(raw: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'base_url is not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'base_url must use http or https';
  if (!url.hostname) return 'base_url must have a host';
  if (url.username || url.password) return 'base_url must not contain credentials';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const privateReason = 'base_url points to a private, loopback or link-local address';
  if (host === 'localhost' || BLOCKED_HOST_SUFFIXES.some((s) => host.endsWith(s))) return privateReason;
  if (isIpv4(host)) return ipv4Blocked(host) ? privateReason : null;
  if (host.includes(':')) return ipv6Blocked(host) ? privateReason : null;
  // Decimal/hex/octal shorthand IPv4 forms (e.g. 2130706433, 0x7f.1) are rejected outright.
  if (/^[\d.]+$/.test(host) || /^0x[0-9a-f.]+$/i.test(host)) return 'base_url host is not a valid hostname';
  return null;
}
