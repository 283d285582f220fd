/** Reads request headers by (case-insensitive) name: a fetch `Headers`, or a `HeaderMap`. */
export interface HeaderReader {
  get(name: string): string | null
}

/**
 * Request headers collected by the transports that read them without fetch (direct mode, the
 * server), read as a fetch `Headers` reads them: names in any case, a repeated name's values
 * joined with ", ".
 */
export class HeaderMap implements HeaderReader {
  readonly #values = new Map<string, string>()

  add(name: string, value: string): void {
    const key = name.toLowerCase()
    const seen = this.#values.get(key)
    this.#values.set(key, seen === undefined ? value : `${seen}, ${value}`)
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null
  }
}

/**
 * A request as the pipeline sees it, whatever carried it (msw, the server, direct mode): no
 * fetch `Request`, so the direct mode does not pay for building and draining one.
 */
export interface IncomingRequest {
  readonly method: string
  readonly url: URL
  readonly headers: HeaderReader
  /** The body's text (UTF-8, as fetch's `text()` reads it; empty for GET): what is parsed. */
  readonly body: string
  /**
   * The body's bytes, exactly as received (empty for GET): what signature checks hash. Not the
   * text re-encoded: decoding drops a BOM and turns every invalid sequence into U+FFFD, so bytes
   * a client never signed would verify and bytes it did sign would not.
   */
  readonly bodyBytes: Uint8Array
  /** The client's address, when the transport knows it (the server's socket). */
  readonly remoteAddress?: string
}

/** What the pipeline answers, before any transport wraps it. */
export interface OutgoingResponse {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: string
}

const FORM = /^application\/x-www-form-urlencoded\s*(;|$)/i

/**
 * The Query parameters of a request: the URL's query string, plus the body for a form POST.
 * Both content types clients send are accepted (`application/x-www-form-urlencoded` with or
 * without `; charset=utf-8`), and a body without a content type is read as a form too.
 */
export function queryParams(request: IncomingRequest): URLSearchParams {
  const { search } = request.url
  const type = request.headers.get('content-type')
  const form = request.method === 'POST' && (type === null || FORM.test(type))
  if (!form) return new URLSearchParams(search)
  // The common case, a form POST to `/`, parses the body alone.
  if (search === '') return new URLSearchParams(request.body)
  const params = new URLSearchParams(search)
  for (const [name, value] of new URLSearchParams(request.body)) params.append(name, value)
  return params
}

const utf8 = new TextDecoder()

/**
 * A body's text as fetch's `text()` reads it (UTF-8, a leading BOM dropped), for the transports
 * that hold its bytes themselves (direct mode, the server).
 */
export function bodyText(bytes: Uint8Array): string {
  return utf8.decode(bytes)
}

/** The body of a request that has none (GET). */
export const NO_BODY = new Uint8Array(0)

/** Reads a fetch `Request` into the pipeline's shape. */
export async function incomingOf(request: Request): Promise<IncomingRequest> {
  const bodyBytes =
    request.method === 'POST' ? new Uint8Array(await request.arrayBuffer()) : NO_BODY
  return {
    method: request.method,
    url: new URL(request.url),
    headers: request.headers,
    body: bodyText(bodyBytes),
    bodyBytes,
  }
}
