/** A request's Query parameters and its raw body (which signature checks need). */
export interface QueryRequest {
  readonly params: URLSearchParams
  readonly body: string
}

/**
 * The Query parameters of a request: the URL's query string, plus the body for a form POST.
 * Both content types clients send are accepted (`application/x-www-form-urlencoded` with or
 * without `; charset=utf-8`), and a body without a content type is read as a form too.
 */
export async function readQueryRequest(request: Request, url: URL): Promise<QueryRequest> {
  const params = new URLSearchParams(url.search)
  if (request.method !== 'POST') return { params, body: '' }
  const type = request.headers.get('content-type')
  const body = await request.text()
  if (type === null || /^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) {
    for (const [name, value] of new URLSearchParams(body)) params.append(name, value)
  }
  return { params, body }
}
