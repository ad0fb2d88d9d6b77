// Owns the SSRF check on provider base URLs: scheme, host, and private/loopback address ranges.

const BLOCKED_HOST_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.localdomain'];
const BLOCKED_HOSTS = new Set(['localhost', 'localdomain', 'metadata', 'metadata.google.internal']);

function ipv4Blocked(parts: readonly number[]): boolean {
  const [a = -1, b = -1, c = -1] = parts;
  return (
    a === 0 || // "this network"
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224 // multicast and reserved
  );
}

function parseIpv4(host: string): number[] | null {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return null;
  const parts = host.split('.').map(Number);
  return parts.every((p) => p <= 255) ? parts : null;
}

/** The eight 16-bit groups of an IPv6 address (dotted IPv4 tails included), or null when it is not one. */
export function parseIpv6(host: string): number[] | null {
  let text = host.toLowerCase();
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  let tailGroups: number[] = [];
  if (tail?.[1]) {
    const v4 = parseIpv4(tail[1]);
    if (!v4) return null;
    tailGroups = [((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number)];
    text = text.slice(0, -tail[1].length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const known = head.length + rest.length + tailGroups.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  const zeros = new Array<number>(8 - known).fill(0);
  return [
    ...head.map((g) => Number.parseInt(g, 16)),
    ...zeros,
    ...rest.map((g) => Number.parseInt(g, 16)),
    ...tailGroups,
  ];
}

function embeddedIpv4(hi: number, lo: number): number[] {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
}

/**
 * Private, loopback, link-local, site-local, unique-local and multicast IPv6 ranges, and every form
 * that embeds an IPv4 address (IPv4-compatible `::/96`, mapped `::ffff:0:0/96`, NAT64 `64:ff9b::/96`
 * and `64:ff9b:1::/48`, 6to4 `2002::/16`), judged by the address they embed. Teredo (`2001::/32`)
 * obscures its client address and is refused outright.
 */
function ipv6Blocked(g: readonly number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upperZero && g5 === 0) {
    // `::` and `::1`, and the deprecated IPv4-compatible form.
    if (g6 === 0 && g7 <= 1) return true;
    return ipv4Blocked(embeddedIpv4(g6, g7));
  }
  if (upperZero && g5 === 0xffff) return ipv4Blocked(embeddedIpv4(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b) {
    if (g2 === 1) return true;
    if (g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return ipv4Blocked(embeddedIpv4(g6, g7));
  }
  if (g0 === 0x2002) return ipv4Blocked(embeddedIpv4(g1, g2));
  if (g0 === 0x2001 && g1 === 0) return true;
  return (
    (g0 & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (g0 & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (g0 & 0xffc0) === 0xfec0 || // site-local fec0::/10
    (g0 & 0xff00) === 0xff00 // multicast
  );
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
  // A fully qualified name (`localhost.`) is the same host as without its trailing dots.
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.+$/, '');
  const privateReason = 'base_url points to a private, loopback or link-local address';
  if (!host) return 'base_url must have a host';
  if (BLOCKED_HOSTS.has(host) || BLOCKED_HOST_SUFFIXES.some((s) => host.endsWith(s))) return privateReason;
  const v4 = parseIpv4(host);
  if (v4) return ipv4Blocked(v4) ? privateReason : null;
  if (host.includes(':')) {
    const v6 = parseIpv6(host);
    if (!v6) return 'base_url host is not a valid IPv6 address';
    return ipv6Blocked(v6) ? privateReason : null;
  }
  // Decimal/hex/octal shorthand IPv4 forms (e.g. 2130706433, 0x7f.1) are rejected outright.
  if (/^[\d.]+$/.test(host) || /^0x[0-9a-f.]+$/i.test(host)) return 'base_url host is not a valid hostname';
  return null;
}

const verdicts = new Map<string, string | null>();

/**
 * The same check for a URL about to be fetched: a provider saved while private URLs were allowed is
 * refused once the flag is off. Remembered per isolate, so the hot path parses each base URL once.
 */
export function checkUpstreamUrl(raw: string, allowPrivate: boolean): string | null {
  const key = `${allowPrivate ? 1 : 0}${raw}`;
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  const verdict = checkProviderUrl(raw, allowPrivate);
  if (verdicts.size >= 1000) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}
