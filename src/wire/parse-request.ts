/**
 * The Query parameters of a request: the URL's query string, plus the body for a form POST.
 * Both content types clients send are accepted (`application/x-www-form-urlencoded` with or
 * without `; charset=utf-8`), and a body without a content type is read as a form too.
 */
export async function readParams(request: Request, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.search)
  if (request.method !== 'POST') return params
  const type = request.headers.get('content-type')
  const body = await request.text()
  if (type !== null && !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) return params
  for (const [name, value] of new URLSearchParams(body)) params.append(name, value)
  return params
}
