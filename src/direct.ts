import { encodeRfc3986 } from './rfc3986.js'
import {
  bodyText,
  HeaderMap,
  NO_BODY,
  type IncomingRequest,
  type OutgoingResponse,
} from './wire/parse-request.js'

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

const encoder = new TextEncoder()

/**
 * @note The Smithy request goes to the pipeline as is — no fetch Request or Response is built
 * and drained on either side — which is most of what makes direct mode several times faster
 * than interception.
 */
export function createDirectHandler(
  answer: (request: IncomingRequest) => Promise<OutgoingResponse>,
): DirectRequestHandler {
  return {
    async handle(request, options) {
      if (options?.abortSignal?.aborted) {
        throw Object.assign(new Error('Request aborted'), { name: 'AbortError' })
      }
      const response = await answer(incoming(request))
      // Lowercase, as Node's and fetch's handlers hand headers to the SDK.
      const headers: Record<string, string> = {}
      for (const name in response.headers) headers[name.toLowerCase()] = response.headers[name]!
      return {
        response: { statusCode: response.status, headers, body: encoder.encode(response.body) },
      }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  }
}

function incoming(request: SmithyHttpRequest): IncomingRequest {
  const port = request.port ? `:${request.port}` : ''
  const headers = new HeaderMap()
  for (const name in request.headers) headers.add(name, request.headers[name]!)
  const { body } = request
  // The SDK signs a string body as its UTF-8 bytes, and bytes as they are.
  const bodyBytes =
    typeof body === 'string' ? encoder.encode(body) : body instanceof Uint8Array ? body : NO_BODY
  return {
    method: request.method,
    url: new URL(
      `${request.protocol}//${request.hostname}${port}${request.path}${queryString(request.query)}`,
    ),
    headers,
    body: typeof body === 'string' ? body : bodyText(bodyBytes),
    bodyBytes,
  }
}

function queryString(query: SmithyHttpRequest['query']): string {
  if (!query) return ''
  const parts: string[] = []
  for (const [name, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value]
    for (const one of values) {
      parts.push(
        one === null ? encodeRfc3986(name) : `${encodeRfc3986(name)}=${encodeRfc3986(one)}`,
      )
    }
  }
  return parts.length > 0 ? `?${parts.join('&')}` : ''
}
