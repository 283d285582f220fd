import type { IncomingHttpHeaders } from 'node:http'
import { isIP } from 'node:net'

/**
 * What keeps web pages away from the standalone server. AWS clients (the SDKs, the CLI, boto3,
 * Terraform) send no `Origin` and no `Sec-Fetch-Site`, and address the server by a loopback name,
 * an IP address or a name its owner configured; a page the developer happens to visit does not:
 *
 * - a cross-site `fetch(…, { mode: 'no-cors' })`, form POST or `<img src>` carries `Origin` or
 *   `Sec-Fetch-Site: cross-site` (or `same-site`, from another local port), and could otherwise
 *   reset the state or create users and keys as root;
 * - a DNS-rebinding page (its own name, rebound to 127.0.0.1) sends its own name as `Host`, and
 *   could otherwise read `/_msw-iam/state` and `/_msw-iam/calls`.
 */
export interface BrowserGuard {
  /** Why `headers` are refused, as a sentence for the client; undefined when they are fine. */
  refusal(headers: IncomingHttpHeaders): string | undefined
}

/**
 * A guard for a server listening on `listenHost` that also answers for `allowedHosts`: exact
 * names, `.example.test` for that name and its subdomains, or `*` for any Host.
 */
export function browserGuard(listenHost: string, allowedHosts: readonly string[]): BrowserGuard {
  const names = new Set<string>()
  const suffixes: string[] = []
  let anyHost = false
  for (const entry of [listenHost, ...allowedHosts]) {
    const name = entry.trim().toLowerCase().replace(/\.$/, '')
    if (name === '*') anyHost = true
    else if (name.startsWith('.')) suffixes.push(name)
    else if (name !== '') names.add(hostnameOf(name) ?? name)
  }
  const hostAllowed = (hostname: string) =>
    anyHost ||
    names.has(hostname) ||
    suffixes.some((suffix) => hostname.endsWith(suffix) || `.${hostname}` === suffix) ||
    isLoopbackName(hostname) ||
    // @note An IP address cannot be rebound: a page can only be at that address if whatever
    // listens there served it. So any address is accepted, which keeps port forwarding
    // (`docker run -p`, a VM's address) working without configuration.
    isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0

  return {
    refusal(headers) {
      const host = headers.host
      // HTTP/1.0 clients may send no Host at all; browsers always send one.
      const hostname = host === undefined ? undefined : hostnameOf(host)
      if (host !== undefined && (hostname === undefined || !hostAllowed(hostname))) {
        return (
          `msw-iam refused a request for Host "${host}": it answers for loopback names, IP ` +
          'addresses and the names given to --allow-host (MSW_IAM_ALLOW_HOST, or ' +
          "startIamServer's allowedHosts), so that no DNS-rebinding web page can reach it."
        )
      }
      const origin = headers.origin
      if (origin !== undefined && !sameOrigin(origin, host)) {
        return (
          `msw-iam refused a request from a web page (Origin: ${origin}): it answers AWS ` +
          'clients, which send no Origin, not pages of other origins.'
        )
      }
      const site = headers['sec-fetch-site']
      if (site !== undefined && site !== 'same-origin' && site !== 'none') {
        return (
          `msw-iam refused a request a web page made (Sec-Fetch-Site: ${site}): it answers AWS ` +
          'clients, not pages of other origins.'
        )
      }
      return undefined
    },
  }
}

/** `Localhost:4599` → `localhost`, `[::1]:4599` → `[::1]`; undefined when it is no host. */
function hostnameOf(host: string): string | undefined {
  try {
    // The URL parser also brings every spelling of an IPv4 address (`2130706433`, `0x7f.1`) to
    // its dotted form, and names to lowercase and punycode.
    const { hostname, username, password, pathname } = new URL(`http://${host}`)
    if (username || password || pathname !== '/') return undefined
    return hostname.replace(/\.$/, '')
  } catch {
    return undefined
  }
}

/** `localhost` and its subdomains, which resolve to loopback only (RFC 6761). */
function isLoopbackName(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost')
}

/**
 * Whether `origin` is the server's own, as addressed (`http://` + the Host): a page served from
 * the same origin, such as a front-end's dev server that proxies to msw-iam keeping the Host.
 */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false
  try {
    const url = new URL(origin)
    return url.protocol === 'http:' && url.host === new URL(`http://${host}`).host
  } catch {
    return false
  }
}
