/**
 * Client addresses for log files: parsed strictly, written canonically (RFC 5952 for IPv6),
 * anonymised by truncation. Anything that is not an address becomes `-`, never the raw text:
 * a log line must not carry whatever a client managed to put where an address should be.
 */

/** What a log gets instead of something that is not an address. */
export const NO_ADDRESS = '-';

type Parsed = { v: 4; parts: number[] } | { v: 6; parts: number[] };

const IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

function parseIpv4(text: string): number[] | null {
  const match = IPV4.exec(text);
  if (!match) return null;
  const parts = match.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : null;
}

/** The 16-bit groups of one side of `::`, an IPv4 tail counting as two; `null` if malformed. */
function parseGroups(text: string, allowIpv4Tail: boolean): number[] | null {
  if (text === '') return [];
  const pieces = text.split(':');
  const groups: number[] = [];
  for (const [i, piece] of pieces.entries()) {
    if (allowIpv4Tail && i === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (!v4) return null;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else if (HEX_GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return null;
    }
  }
  return groups;
}

function parseIpv6(text: string): number[] | null {
  // A zone (`fe80::1%eth0`) says which interface, not who: drop it.
  const address = text.replace(/%[\w.-]{1,64}$/, '');
  const halves = address.split('::');
  if (halves.length > 2) return null;
  if (halves.length === 1) {
    const groups = parseGroups(address, true);
    return groups && groups.length === 8 ? groups : null;
  }
  const head = parseGroups(halves[0] ?? '', false);
  const tail = parseGroups(halves[1] ?? '', true);
  if (!head || !tail || head.length + tail.length > 7) return null;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** An IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is an IPv4 client on a dual-stack socket. */
function unmapped(groups: number[]): Parsed {
  const mapped = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (!mapped) return { v: 6, parts: groups };
  const [hi = 0, lo = 0] = groups.slice(6);
  return { v: 4, parts: [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff] };
}

function parse(address: unknown): Parsed | null {
  if (typeof address !== 'string' || address.length > 100) return null;
  let text = address;
  // `[2001:db8::1]:443` and `203.0.113.7:443`, as some proxies write X-Forwarded-For.
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1] ?? '';
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  const v4 = parseIpv4(text);
  if (v4) return { v: 4, parts: v4 };
  const v6 = text.includes(':') ? parseIpv6(text) : null;
  return v6 ? unmapped(v6) : null;
}

/** RFC 5952: lowercase, no leading zeros, the longest run of two or more zero groups as `::`. */
function formatIpv6(groups: number[]): string {
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j > i ? j : i + 1;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

const format = (ip: Parsed): string => (ip.v === 4 ? ip.parts.join('.') : formatIpv6(ip.parts));

/**
 * The address in canonical form (`2001:DB8:0::1` → `2001:db8::1`, `::ffff:203.0.113.7` →
 * `203.0.113.7`), or `-` when it is not an IP address.
 *
 * @example normalizeIp('::ffff:127.0.0.1') // '127.0.0.1'
 */
export function normalizeIp(address: unknown): string {
  const ip = parse(address);
  return ip ? format(ip) : NO_ADDRESS;
}

/**
 * The address with the part that identifies a host removed, or `-` when it is not an IP
 * address. IPv4: the last octet zeroed (`203.0.113.7` → `203.0.113.0`, a /24). IPv6: only the
 * first 48 bits kept (`2001:db8:1234:5678::1` → `2001:db8:1234::`, a /48: a site, not a
 * device). An IPv4-mapped IPv6 address is treated as the IPv4 address it carries.
 *
 * @example anonymizeIp('2001:db8:1234:5678:9abc:def0:1234:5678') // '2001:db8:1234::'
 */
export function anonymizeIp(address: unknown): string {
  const ip = parse(address);
  if (!ip) return NO_ADDRESS;
  const parts =
    ip.v === 4 ? [...ip.parts.slice(0, 3), 0] : [...ip.parts.slice(0, 3), 0, 0, 0, 0, 0];
  return format({ v: ip.v, parts });
}
