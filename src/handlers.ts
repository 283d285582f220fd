import { http, HttpHandler, HttpResponse } from 'msw'

/** IAM's public endpoints: commercial, FIPS, dual-stack, China and GovCloud. */
export const IAM_ENDPOINTS = [
  'https://iam.amazonaws.com/',
  'https://iam-fips.amazonaws.com/',
  'https://iam.global.api.aws/',
  'https://iam.cn-north-1.amazonaws.com.cn/',
  'https://iam.us-gov.amazonaws.com/',
] as const

/**
 * STS's endpoints: global, regional (`sts.eu-west-1.amazonaws.com`, what current SDKs use by
 * default), FIPS, China and GovCloud (`sts.us-gov-west-1.amazonaws.com` is a regional one).
 */
export const STS_ENDPOINTS = [
  'https://sts.amazonaws.com/',
  'https://sts.*.amazonaws.com/',
  'https://sts-fips.*.amazonaws.com/',
  'https://sts.*.amazonaws.com.cn/',
] as const

type Answer = (request: Request) => Promise<Response>
type RunArgs = Parameters<HttpHandler['run']>[0]
type RunResult = Awaited<ReturnType<HttpHandler['run']>>

/**
 * An msw HTTP handler for one method on one base URL, answered by msw-iam.
 *
 * It is an `HttpHandler` (msw lists, logs and suggests it like `http.post(url)`), matched and run
 * more cheaply: IAM needs neither path parameters nor cookies, so the URL is tested against one
 * regular expression instead of parsed, and `run` hands the request straight to the mock instead
 * of first cloning it (the clone msw keeps is read by nothing once the handler answers: msw's
 * `executeHandlers` returns the handler and the response only). Every call the SDK makes through
 * msw goes through here, and the stock path cost about a tenth of a call.
 *
 * @note The `run` override skips what msw's own `run` adds for features these handlers do not use
 * (`once`, generator resolvers, the clone kept for later reads). Verified against msw 2.15.0 and
 * 3.0.5, whose `run` contract (`{ handler, request, requestId, response, parsedResult }` or null)
 * it keeps; `test/node/handlers.test.ts` pins what it leaves to later handlers. Measured through
 * `getResponse` on a ListUsers request: 0.10 ms per call with msw's `run`, 0.04 ms with this one
 * (an SDK call through msw costs about 1 ms), which is what keeps msw-iam at the rate of a static
 * `http.post` handler.
 */
class IamHandler extends HttpHandler {
  readonly #url: RegExp
  readonly #answer: Answer

  constructor(method: 'GET' | 'POST', endpoint: string, answer: Answer) {
    super(method, endpoint, ({ request }) => answer(request))
    this.#url = urlPattern(endpoint)
    this.#answer = answer
  }

  override async parse(args: { request: Request }) {
    return { match: { matches: this.#url.test(args.request.url), params: {} }, cookies: {} }
  }

  override async run(args: RunArgs): Promise<RunResult> {
    const parsedResult = await this.parse(args)
    const matches = await this.predicate({ ...args, parsedResult })
    if (!matches) return null
    this.isUsed = true
    const response = await this.#answer(args.request)
    return {
      handler: this,
      request: args.request,
      requestId: args.requestId,
      response,
      parsedResult,
    }
  }
}

/**
 * What msw's path matching makes of a base URL, for IAM's purposes: the URL itself, with or
 * without its trailing slash, any query string, `*` standing for any run of characters, and
 * letters of any case.
 */
function urlPattern(endpoint: string): RegExp {
  const base = endpoint.replace(/\/$/, '')
  const escaped = base.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '[^?#]*')
  return new RegExp(`^${escaped}/?(?:[?#]|$)`, 'i')
}

/**
 * MSW request handlers that hand every GET or POST to one of `endpoints` over to `answer`.
 */
export function createHandlers(endpoints: readonly string[], answer: Answer): HttpHandler[] {
  return endpoints.flatMap((endpoint) => {
    const url = normalizeEndpoint(endpoint)
    return [new IamHandler('POST', url, answer), new IamHandler('GET', url, answer)]
  })
}

/** `https://host:8443` → `https://host:8443/`: the SDK always requests a path. */
export function normalizeEndpoint(endpoint: string): string {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw new TypeError(`msw-iam: endpoint "${endpoint}" is not an absolute URL`)
  }
  if (url.search || url.hash) {
    throw new TypeError(`msw-iam: endpoint "${endpoint}" must not have a query string or fragment`)
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}

/**
 * An msw handler for the OIDC discovery documents of the account's outbound-federation issuer
 * (`https://<uuid>.tokens.sts.global.api.aws/.well-known/openid-configuration` and `jwks.json`),
 * so a test can verify GetWebIdentityToken's JWTs as an external service does (jose's
 * `createRemoteJWKSet`). A request for another issuer falls through to later handlers.
 */
export function createIssuerHandler(
  document: (url: URL) => Promise<Record<string, unknown> | undefined>,
): HttpHandler {
  return http.get('https://*.tokens.sts.global.api.aws/.well-known/*', async ({ request }) => {
    const body = await document(new URL(request.url))
    return body === undefined ? undefined : HttpResponse.json(body)
  })
}
