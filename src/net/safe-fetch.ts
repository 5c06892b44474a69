import dns from 'node:dns';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import net, { type LookupFunction } from 'node:net';
import type { Duplex } from 'node:stream';
import ipaddr from 'ipaddr.js';

/**
 * Fetching a URL someone else chose (an OAuth client_id page) without letting them aim the server
 * at itself or its network (SSRF):
 * - http and https only;
 * - every address the host name resolves to must be a public unicast address: loopback, private,
 *   link-local, multicast, unspecified, carrier-grade NAT, reserved and documentation ranges are
 *   refused, in IPv4 and IPv6: every entry of the IANA special-purpose registries (RFC 6890 and
 *   later), and IPv6 outside global unicast 2000::/3. IPv4-mapped IPv6 addresses are judged as the
 *   IPv4 address they carry; IPv4-compatible (::a.b.c.d), NAT64, 6to4 and Teredo forms are refused
 *   outright, whatever they embed;
 * - the socket connects to exactly the address that was checked (the check runs inside the
 *   socket's own DNS lookup), so a second DNS answer cannot slip a private address in (rebinding);
 * - redirects are followed by hand, at most 3, each target checked again;
 * - 5 seconds for the whole exchange, 256 KiB of body at most, only the accepted content types.
 * `allowPrivateNetwork` (config `MIKAN_ALLOW_PRIVATE_NETWORK`) lifts the address rule, for development.
 */

export type SafeFetchFailure =
  | 'invalid-url' | 'protocol' | 'address' | 'dns' | 'timeout' | 'too-large'
  | 'content-type' | 'status' | 'redirects' | 'network';

export class SafeFetchError extends Error {
  constructor(readonly reason: SafeFetchFailure, message: string) {
    super(message);
    this.name = 'SafeFetchError';
  }
}

export interface ResolvedAddress { address: string; family: number }

export interface SafeFetchOptions {
  allowPrivateNetwork?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Accepted media types of the final response (default text/html); the wildcard '*' + '/' + '*' accepts any. */
  contentTypes?: readonly string[];
  userAgent?: string;
  /** Default GET; a POST (webhook deliveries) sends `body` and is never redirected (a redirect is a 'redirects' failure). */
  method?: 'GET' | 'POST';
  body?: string | Buffer;
  /** Extra request headers (a POST's content type, a webhook's secret). */
  headers?: Record<string, string>;
  /** Answer any final status instead of failing on one outside 2xx (the caller records it). */
  acceptAnyStatus?: boolean;
  /** Which resolved addresses may be connected to; default: public unicast only (or all, with allowPrivateNetwork). For tests. */
  isAllowedAddress?: (address: string) => boolean;
  /** DNS resolution; default the system resolver (what every other connection uses). For tests. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export interface SafeFetchResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  contentType: string;
  body: string;
  /** The body as received (for binary downloads such as drive/files/upload-from-url). */
  bytes: Buffer;
}

export const SAFE_FETCH_DEFAULTS = { timeoutMs: 5_000, maxBytes: 256 * 1024, maxRedirects: 3 } as const;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Special-purpose ranges that ipaddr.js calls plain 'unicast': the rest of the IANA IPv4 and IPv6
 * Special-Purpose Address Registries (RFC 6890 and its updates) and the blocks reserved by later
 * RFCs. Everything in these registries is refused, "globally reachable" or not: a client_id page
 * or a file to download has no business on a relay, sink or benchmarking address.
 */
const SPECIAL_RANGES: ReadonlyArray<readonly [cidr: string, name: string]> = [
  ['0.0.0.0/8', 'unspecified'],
  ['192.0.0.0/24', 'reserved'], // IETF protocol assignments (DS-Lite, PCP/TURN anycast, NAT64 discovery)
  ['192.31.196.0/24', 'as112'],
  ['192.52.193.0/24', 'amt'],
  ['192.88.99.0/24', '6to4Relay'],
  ['192.175.48.0/24', 'as112'],
  ['198.18.0.0/15', 'benchmarking'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['240.0.0.0/4', 'reserved'],
  ['::/96', 'ipv4Compatible'], // deprecated IPv4-compatible IPv6 (::127.0.0.1): never a public host
  ['::ffff:0:0/96', 'ipv4Mapped'],
  ['64:ff9b::/96', 'nat64'],
  ['64:ff9b:1::/48', 'nat64'],
  ['100::/64', 'discard'],
  ['100:0:0:1::/64', 'dummy'],
  ['2001::/23', 'reserved'], // IETF protocol assignments: Teredo, benchmarking, AMT, AS112, ORCHID, drone ids
  ['2001:db8::/32', 'documentation'],
  ['2002::/16', '6to4'],
  ['2620:4f:8000::/48', 'as112'],
  ['3fff::/20', 'documentation'],
  ['5f00::/16', 'srv6'],
];
const PARSED_SPECIAL_RANGES = SPECIAL_RANGES.map(([cidr, name]) => [ipaddr.parseCIDR(cidr), name] as const);
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * The range name of an address: ipaddr.js's ('unicast', 'loopback', 'private', 'linkLocal', …),
 * refined by the registries above; only 'unicast' is an ordinary public address. IPv4-mapped IPv6
 * addresses are classified as their IPv4 address; other IPv6 outside 2000::/3 is 'reserved'.
 * 'invalid' for non-addresses.
 */
export function classifyAddress(address: string): string {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  // Zone ids (fe80::1%eth0) are link-local by nature.
  if (bare.includes('%')) return 'linkLocal';
  if (!ipaddr.isValid(bare)) return 'invalid';
  // ipaddr.js reads '::8.8.8.8' as the IPv4-mapped ::ffff:8.8.8.8, while the socket layer (and the
  // URL parser) take it as the IPv4-compatible ::808:808: judge the address the socket would use.
  let parsed = ipaddr.parse(bare.includes(':') ? canonicalIPv6(bare) : bare);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  if (range !== 'unicast') return range;
  for (const [[network, bits], name] of PARSED_SPECIAL_RANGES) {
    if (network.kind() === parsed.kind() && parsed.match(network, bits)) return name;
  }
  if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)) return 'reserved';
  return 'unicast';
}

function canonicalIPv6(address: string): string {
  try {
    return new URL(`http://[${address}]/`).hostname.slice(1, -1);
  } catch {
    return address;
  }
}

/** Only ordinary public unicast addresses may be fetched from. */
export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'unicast';
}

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  return dns.promises.lookup(hostname, { all: true, verbatim: true });
}

function checkedLookup(isAllowed: (address: string) => boolean, resolve: (hostname: string) => Promise<ResolvedAddress[]>): LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void) => {
    resolve(hostname).then((all) => {
      const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
      if (wanted.length === 0) return callback(Object.assign(new SafeFetchError('dns', `${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      // One refused address refuses the name: a host that resolves partly into the private network is not trusted.
      const refused = wanted.find((a) => !isAllowed(a.address));
      if (refused) return callback(new SafeFetchError('address', `${hostname} resolves to a ${classifyAddress(refused.address)} address (${refused.address}), which may not be fetched`), '', 0);
      if (options.all) return callback(null, wanted.map((a) => ({ address: a.address, family: a.family })));
      return callback(null, wanted[0].address, wanted[0].family);
    }, (error: NodeJS.ErrnoException) => callback(new SafeFetchError('dns', `cannot resolve ${hostname}: ${error.code ?? error.message}`), '', 0));
  }) as LookupFunction;
}

function checkUrl(raw: string | URL, isAllowed: (address: string) => boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SafeFetchError('invalid-url', `not a URL: ${String(raw).slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SafeFetchError('protocol', `only http and https URLs may be fetched, not ${url.protocol}`);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  // Address literals never go through DNS, so they are judged here.
  if (net.isIP(host) && !isAllowed(host)) throw new SafeFetchError('address', `${host} is a ${classifyAddress(host)} address, which may not be fetched`);
  return url;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

function charsetOf(contentType: string | undefined): string {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match ? match[1] : 'utf-8';
}

function decode(body: Buffer, contentType: string | undefined): string {
  try {
    return new TextDecoder(charsetOf(contentType)).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/** One request, no redirect following; resolves with the response head and (for final answers) the body. */
function requestOnce(url: URL, lookup: LookupFunction, options: Required<Pick<SafeFetchOptions, 'maxBytes' | 'userAgent' | 'method' | 'headers'>> & { signal: AbortSignal; accept: string; body?: string | Buffer }): Promise<{ response: IncomingMessage; body: Buffer | null }> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, {
      method: options.method,
      // No pooling: every connection goes through the checked lookup.
      agent: false,
      lookup,
      signal: options.signal,
      headers: { 'User-Agent': options.userAgent, Accept: options.accept, ...options.headers },
    }, (response) => {
      const status = response.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) {
        response.resume();
        return resolve({ response, body: null });
      }
      const encoding = (response.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (encoding !== 'identity') {
        response.destroy();
        return reject(new SafeFetchError('content-type', `unsupported content encoding ${encoding}`));
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        response.destroy();
        return reject(new SafeFetchError('too-large', `the response is larger than ${options.maxBytes} bytes`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          response.destroy();
          reject(new SafeFetchError('too-large', `the response is larger than ${options.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ response, body: Buffer.concat(chunks) }));
      response.on('error', (error) => reject(error));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** GET `target` under the rules above. Throws SafeFetchError for every refusal and failure. */
export async function safeFetch(target: string | URL, options: SafeFetchOptions = {}): Promise<SafeFetchResponse> {
  const isAllowed = options.isAllowedAddress ?? (options.allowPrivateNetwork ? () => true : isPublicAddress);
  const lookup = checkedLookup(isAllowed, options.resolve ?? systemResolve);
  const timeoutMs = options.timeoutMs ?? SAFE_FETCH_DEFAULTS.timeoutMs;
  const method = options.method ?? 'GET';
  const maxRedirects = method === 'POST' ? 0 : options.maxRedirects ?? SAFE_FETCH_DEFAULTS.maxRedirects;
  const contentTypes = options.contentTypes ?? ['text/html'];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const requestOptions = {
    maxBytes: options.maxBytes ?? SAFE_FETCH_DEFAULTS.maxBytes,
    userAgent: options.userAgent ?? 'Mikan',
    accept: contentTypes.join(', '),
    signal: controller.signal,
    method,
    headers: options.headers ?? {},
    body: options.body,
  };
  try {
    let url = checkUrl(target, isAllowed);
    for (let redirects = 0; ; redirects++) {
      let result;
      try {
        result = await requestOnce(url, lookup, requestOptions);
      } catch (error) {
        if (error instanceof SafeFetchError) throw error;
        // The lookup's refusal arrives wrapped by the socket layer at times; find it.
        const cause = (error as { cause?: unknown }).cause;
        if (cause instanceof SafeFetchError) throw cause;
        if (controller.signal.aborted) throw new SafeFetchError('timeout', `no complete answer within ${timeoutMs} ms`);
        throw new SafeFetchError('network', `cannot fetch ${url.href}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      const { response, body } = result;
      const status = response.statusCode ?? 0;
      if (body === null) {
        const location = response.headers.location;
        if (!location) throw new SafeFetchError('status', `redirect (${status}) without a Location`);
        if (redirects >= maxRedirects) throw new SafeFetchError('redirects', `more than ${maxRedirects} redirects`);
        url = checkUrl(new URL(location, url), isAllowed);
        continue;
      }
      if (options.acceptAnyStatus) return { url: url.href, status, headers: response.headers, contentType: mediaType(response.headers['content-type']), body: '', bytes: body };
      if (status < 200 || status > 299) throw new SafeFetchError('status', `${url.href} answered ${status}`);
      const contentType = response.headers['content-type'];
      if (!contentTypes.includes('*/*') && !contentTypes.includes(mediaType(contentType))) {
        throw new SafeFetchError('content-type', `${url.href} is ${mediaType(contentType) || 'of no declared type'}, not ${contentTypes.join(' or ')}`);
      }
      return { url: url.href, status, headers: response.headers, contentType: mediaType(contentType), body: contentTypes.includes('*/*') ? '' : decode(body, contentType), bytes: body };
    }
  } finally {
    clearTimeout(timer);
  }
}

/**
 * HTTP agents under the same address rules, for libraries that make their own requests (summaly's
 * `got`, for URL previews): every connection's DNS answer goes through the checked lookup, and an
 * address literal (which skips DNS) is checked before connecting, so redirects are covered too.
 */
export function guardedAgents(options: Pick<SafeFetchOptions, 'allowPrivateNetwork' | 'isAllowedAddress' | 'resolve'> = {}): { http: http.Agent; https: https.Agent } {
  const isAllowed = options.isAllowedAddress ?? (options.allowPrivateNetwork ? () => true : isPublicAddress);
  const lookup = checkedLookup(isAllowed, options.resolve ?? systemResolve);
  type Callback = (error: Error | null, stream: Duplex) => void;
  const refusal = (host: string | null | undefined): SafeFetchError | null => {
    const bare = (host ?? '').replace(/^\[|\]$/g, '');
    return net.isIP(bare) && !isAllowed(bare) ? new SafeFetchError('address', `${bare} is a ${classifyAddress(bare)} address, which may not be fetched`) : null;
  };
  class GuardedHttpAgent extends http.Agent {
    override createConnection(connectOptions: http.ClientRequestArgs, callback?: Callback): Duplex | null | undefined {
      const error = refusal(connectOptions.host);
      if (error) { callback?.(error, undefined as unknown as Duplex); return undefined; }
      return super.createConnection(connectOptions, callback);
    }
  }
  class GuardedHttpsAgent extends https.Agent {
    override createConnection(connectOptions: https.RequestOptions, callback?: Callback): Duplex | null | undefined {
      const error = refusal(connectOptions.host);
      if (error) { callback?.(error, undefined as unknown as Duplex); return undefined; }
      return super.createConnection(connectOptions, callback);
    }
  }
  return { http: new GuardedHttpAgent({ lookup }), https: new GuardedHttpsAgent({ lookup }) };
}
