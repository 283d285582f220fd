/** The parts of a Smithy `HttpRequest` the direct handler reads (`@smithy/types`). */
export interface SmithyHttpRequest {
  method: string
  protocol: string
  hostname: string
  port?: number
  path: string
  query?: Record<string, string | string[] | null>
  headers: Record<string, string>
  body?: unknown
}

/** A Smithy `HttpResponse`, as the SDK's deserializers read it. */
export interface SmithyHttpResponse {
  statusCode: number
  reason?: string
  headers: Record<string, string>
  body: Uint8Array
}

/**
 * An SDK `requestHandler` that answers in-process, without any network interception: plug it into
 * `new IAMClient({ requestHandler: iam.requestHandler })`. Requests still go through the SDK's
 * serializers, signing and retries, and through the mock's full pipeline (the same one the msw
 * handlers call); only the HTTP transport is skipped. Works in Node and in browsers.
 */
export interface DirectRequestHandler {
  handle(
    request: SmithyHttpRequest,
    options?: { abortSignal?: { aborted: boolean } },
  ): Promise<{ response: SmithyHttpResponse }>
  updateHttpClientConfig(key: never, value: never): void
  httpHandlerConfigs(): Record<string, never>
  destroy(): void
}

export function createDirectHandler(
  answer: (request: Request) => Promise<Response>,
): DirectRequestHandler {
  return {
    async handle(request, options) {
      if (options?.abortSignal?.aborted) {
        throw Object.assign(new Error('Request aborted'), { name: 'AbortError' })
      }
      const response = await answer(toFetchRequest(request))
      return {
        response: {
          statusCode: response.status,
          headers: Object.fromEntries(response.headers),
          body: new Uint8Array(await response.arrayBuffer()),
        },
      }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  }
}

function toFetchRequest(request: SmithyHttpRequest): Request {
  const port = request.port ? `:${request.port}` : ''
  const url = `${request.protocol}//${request.hostname}${port}${request.path}${queryString(request.query)}`
  const body = request.body as BodyInit | undefined
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    ...(body !== undefined && request.method !== 'GET' && request.method !== 'HEAD' && { body }),
  })
}

function queryString(query: SmithyHttpRequest['query']): string {
  if (!query) return ''
  const parts: string[] = []
  for (const [name, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value]
    for (const one of values) {
      parts.push(one === null ? encode(name) : `${encode(name)}=${encode(one)}`)
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : ''
}

/** RFC 3986 encoding, as SigV4 canonicalises it. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}
