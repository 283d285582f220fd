import { http, type HttpHandler } from 'msw'

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

/**
 * MSW request handlers that hand every GET or POST to one of `endpoints` over to `answer`.
 * The only module that imports msw.
 */
export function createHandlers(
  endpoints: readonly string[],
  answer: (request: Request) => Promise<Response>,
): HttpHandler[] {
  return endpoints.flatMap((endpoint) => {
    const url = normalizeEndpoint(endpoint)
    return [
      http.post(url, ({ request }) => answer(request)),
      http.get(url, ({ request }) => answer(request)),
    ]
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
