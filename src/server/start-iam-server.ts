import { randomUUID } from 'node:crypto'
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { performance } from 'node:perf_hooks'
import { buildIamMock, type IamMock, type IamMockOptions } from '../create-iam-mock.js'
import { awsDialect } from '../dialects/aws.js'
import { IamError } from '../errors.js'
import type { QueryAnswer } from '../pipeline.js'
import { bodyText, HeaderMap, NO_BODY, type IncomingRequest } from '../wire/parse-request.js'
import { errorBody } from '../wire/write.js'
import { browserGuard, type BrowserGuard } from './browser-guard.js'

/** The largest request body the server reads: 1 MiB, far above any IAM request. */
export const MAX_BODY_BYTES = 1024 * 1024

/** Where the admin routes live: a path IAM never uses (it answers only `/`). */
export const ADMIN_PREFIX = '/_msw-iam/'

/**
 * The base URL every IAM request is answered as, whatever Host it was sent to. `.localhost` is
 * reserved (RFC 6761), so it never names a real endpoint.
 */
const CANONICAL_BASE = 'http://msw-iam.localhost'

/** The AWS IAM namespace, for the errors the server answers in front of the mock. */
const IAM_XMLNS = 'https://iam.amazonaws.com/doc/2010-05-08/'

export interface IamServerOptions extends IamMockOptions {
  /** The port to listen on; 0 (the default) picks a free one, see `server.port`. */
  port?: number
  /** The interface to listen on; default `127.0.0.1`. Use `0.0.0.0` only on purpose. */
  host?: string
  /**
   * More `Host` names to answer for, beyond loopback names (`localhost`, `*.localhost`), IP
   * addresses and `host`: a container's or a proxy's name (`iam`, `iam.test`), `.example.test`
   * for a name and its subdomains, or `*` for any (which gives up the DNS-rebinding protection).
   * Requests for another Host are refused with 403, as are requests web pages make.
   */
  allowedHosts?: readonly string[]
  /** Called once per answered request, after the response is sent (the CLI's log). */
  onRequest?: (entry: IamServerRequestLog) => void
}

/** What the server knows about one request it answered. Never carries a secret. */
export interface IamServerRequestLog {
  readonly method: string
  /** The request path, without the query string. */
  readonly path: string
  /** The IAM Query `Action`, when the request reached the mock and had one. */
  readonly action: string | undefined
  /** The caller's ARN, when the request reached the mock. */
  readonly caller: string | undefined
  readonly status: number
  /** The IAM error code of a failed call (`NoSuchEntity`…). */
  readonly errorCode: string | undefined
  /** Milliseconds from the request's arrival to the end of the response. */
  readonly ms: number
}

export interface IamServer {
  /** The base URL to point clients at, e.g. `http://127.0.0.1:4599` (no trailing slash). */
  readonly url: string
  readonly port: number
  readonly host: string
  /** The mock behind the server: its `store`, `calls`, `reset()`, `fail()`… */
  readonly mock: IamMock
  /** Stops listening and resolves once every connection is closed. */
  close(): Promise<void>
}

/**
 * Serves msw-iam over real HTTP, for clients in other processes: the AWS CLI, boto3, Terraform,
 * a service under test. The same mock and pipeline as the in-process msw handlers. It answers
 * for loopback names, IP addresses and `allowedHosts`, and refuses (403) what web pages send, so
 * that a page open in the developer's browser can neither change its state nor, through DNS
 * rebinding, read it (see `browserGuard`).
 *
 * @example
 * const server = await startIamServer({ port: 0 })
 * // aws --endpoint-url ${server.url} iam list-users
 * server.mock.store.users()
 * await server.close()
 *
 * @see `msw-iam serve` for the same from a shell.
 */
export async function startIamServer(options: IamServerOptions = {}): Promise<IamServer> {
  const { port = 0, host = '127.0.0.1', allowedHosts = [], onRequest, ...mockOptions } = options
  // @note The mock is created before the port is bound, so a bad fixture or dialect throws
  // without ever listening.
  const { mock, answer: answerQuery } = buildIamMock(mockOptions)
  const context: ServeContext = {
    mock,
    answerQuery,
    guard: browserGuard(host, allowedHosts),
    onRequest,
  }
  const server = createServer({ requireHostHeader: false })
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    serve(context, req, res).catch((error: unknown) => internalError(res, error))
  }
  server.on('request', answer)
  // A client that announces a body too large is told so before it sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (declaredLength(req.headers) <= MAX_BODY_BYTES) res.writeContinue()
    answer(req, res)
  })
  // @note Malformed HTTP (a bad request line, oversized headers, a reset mid-headers) never
  // reaches 'request': answer 4xx where the socket still can, and never let it throw. Once
  // answered, what the client still sends fails to parse again and is discarded (`linger`).
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (lingering.has(socket)) return
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
    const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? '400 Bad Request'
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    linger(socket)
  })
  // @note node:http hands CONNECT to 'connect' listeners and, without one, closes the connection
  // unanswered. The server is no proxy: 405, like any other method it does not serve.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    const started = performance.now()
    socket.on('error', () => undefined)
    socket.end(
      `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS}\r\nConnection: close\r\n` +
        'Content-Type: text/plain; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(NOT_A_PROXY)}\r\n\r\n${NOT_A_PROXY}`,
    )
    socket.resume()
    linger(socket)
    onRequest?.({
      method: 'CONNECT',
      path: req.url ?? '',
      action: undefined,
      caller: undefined,
      status: 405,
      errorCode: undefined,
      ms: Math.round((performance.now() - started) * 10) / 10,
    })
  })

  await listen(server, port, host)
  const address = server.address() as AddressInfo
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    host: address.address,
    mock,
    close: () => close(server),
  }
}

/** What every request of one server is answered with. */
interface ServeContext {
  readonly mock: IamMock
  readonly answerQuery: (request: IncomingRequest) => Promise<QueryAnswer>
  readonly guard: BrowserGuard
  readonly onRequest: IamServerOptions['onRequest']
}

/** The methods the server answers (IAM's GET and POST, and HEAD on the admin routes). */
const ALLOWED_METHODS = 'GET, HEAD, POST'
const NOT_A_PROXY = 'msw-iam: not a proxy; IAM answers POST / (form) and GET /?Action=…\n'

async function serve(
  { mock, answerQuery, guard, onRequest }: ServeContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = performance.now()
  const { path, search } = target(req.url ?? '/')
  const method = req.method ?? 'GET'
  let action: string | undefined
  let caller: string | undefined
  let errorCode: string | undefined
  res.on('error', () => undefined)
  if (onRequest) {
    res.once('finish', () =>
      onRequest({
        method,
        path,
        action,
        caller,
        status: res.statusCode,
        errorCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      }),
    )
  }

  const refusal = guard.refusal(req.headers)
  if (refusal !== undefined) {
    errorCode = 'AccessDenied'
    req.resume()
    return path.startsWith(ADMIN_PREFIX)
      ? json(res, 403, { error: refusal })
      : iamError(res, IamError.accessDeniedByServer(refusal))
  }

  if (path.startsWith(ADMIN_PREFIX)) {
    req.resume()
    return admin(mock, method, path.slice(ADMIN_PREFIX.length), res)
  }

  const body = await readBody(req)
  if (body === ABORTED) return
  if (body === TOO_LARGE) {
    errorCode = 'RequestEntityTooLarge'
    closeLingering(req)
    return tooLarge(res)
  }

  const text = { 'Content-Type': 'text/plain; charset=utf-8' }
  // IAM answers GET and POST on its root only, as the msw handlers do.
  if (method !== 'GET' && method !== 'POST') {
    if (path !== '/' && path !== '*') return send(res, 404, text, notIam(method, path))
    return send(res, 405, { ...text, Allow: 'GET, POST' }, notIam(method, path))
  }
  if (path !== '/') return send(res, 404, text, notIam(method, path))
  // @note The pipeline is called directly, as direct mode does: the headers and body node:http
  // read go to it as they are. Through msw's getResponse they would be copied into fetch's
  // Headers and body streams only to be read back out (a fifth of the server's throughput).
  const answer = await answerQuery({
    method,
    url: new URL(`${CANONICAL_BASE}${path}${search}`),
    headers: headersOf(req),
    ...(method === 'POST' ? { body: bodyText(body), bodyBytes: body } : GET_BODY),
    ...(req.socket.remoteAddress !== undefined && { remoteAddress: req.socket.remoteAddress }),
  })
  action = answer.action
  caller = answer.caller
  errorCode = answer.errorCode
  await send(res, answer.status, answer.headers, answer.body)
}

/** The admin routes, under `/_msw-iam/`: JSON in, JSON out, never a secret. */
function admin(mock: IamMock, method: string, route: string, res: ServerResponse): Promise<void> {
  const routes: Record<string, { method: string; answer: () => unknown; list?: true }> = {
    health: { method: 'GET', answer: () => ({ status: 'ok', dialect: mock.dialect }) },
    state: {
      method: 'GET',
      answer: () => ({
        accountId: mock.store.accountId,
        partition: mock.store.partition,
        dialect: mock.dialect,
        rootAccessKeys: mock.store.rootAccessKeys(),
        users: mock.store.users(),
      }),
    },
    calls: { method: 'GET', answer: () => mock.calls.all, list: true },
    reset: {
      method: 'POST',
      answer: () => {
        mock.reset()
        return { status: 'reset' }
      },
    },
  }
  const found = Object.hasOwn(routes, route) ? routes[route] : undefined
  if (!found) {
    return json(res, 404, {
      error: `No admin route ${ADMIN_PREFIX}${route}`,
      routes: Object.entries(routes).map(([name, r]) => `${r.method} ${ADMIN_PREFIX}${name}`),
    })
  }
  if (method !== found.method && !(method === 'HEAD' && found.method === 'GET')) {
    res.setHeader('Allow', found.method)
    return json(res, 405, { error: `${ADMIN_PREFIX}${route} answers ${found.method} only` })
  }
  const answer = found.answer()
  return found.list ? jsonList(res, answer as unknown[]) : json(res, 200, answer)
}

/** Node's own answers to these client errors, kept; anything else malformed is a 400. */
const CLIENT_ERROR_STATUS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
}

/** What the pipeline reads of a GET's body: nothing, as fetch would hand it over. */
const GET_BODY = { body: '', bodyBytes: NO_BODY } as const

const TOO_LARGE = Symbol('too large')
const ABORTED = Symbol('aborted')

/**
 * Reads a request body up to MAX_BODY_BYTES. A larger one is refused from its Content-Length
 * before a byte is read, or as soon as the streamed bytes pass the limit: it is never buffered.
 */
function readBody(
  req: IncomingMessage,
): Promise<Buffer<ArrayBuffer> | typeof TOO_LARGE | typeof ABORTED> {
  if (declaredLength(req.headers) > MAX_BODY_BYTES) return Promise.resolve(TOO_LARGE)
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const done = (result: Buffer<ArrayBuffer> | typeof TOO_LARGE | typeof ABORTED) => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('close', onClose)
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk)
      // Not destroyed: that would close the socket before the refusal is written.
      done(TOO_LARGE)
    }
    const onEnd = () => done(Buffer.concat(chunks, size))
    // A client that disconnects mid-body: nothing to answer, nothing to record.
    const onClose = () => done(ABORTED)
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('close', onClose)
    req.on('error', () => undefined)
  })
}

function declaredLength(headers: IncomingHttpHeaders): number {
  const length = Number(headers['content-length'] ?? 0)
  return Number.isFinite(length) ? length : Infinity
}

/**
 * How long a connection whose body was refused stays open to read, and discard, what the client
 * still sends, before it is closed whatever the client does.
 */
const LINGER_MS = 2000

/**
 * Closes the connection of a refused body in stages (RFC 9112 §9.6): the response, then the
 * write side, while the rest of the body is read and discarded (see `linger`).
 *
 * @note node:http closes a `Connection: close` response with `socket.destroySoon()` once it is
 * written; for this socket alone, that becomes the staged close.
 */
function closeLingering(req: IncomingMessage): void {
  const { socket } = req
  req.resume()
  socket.destroySoon = () => {
    socket.end()
    linger(socket)
  }
}

/** Sockets whose write side is closed after a refusal, read until they close. */
const lingering = new WeakSet<Socket>()

/**
 * Keeps reading a refused client's socket after the refusal was written, and closes it once the
 * client closes its side or LINGER_MS has passed.
 *
 * @note Closing at once, with the client's bytes still unread, makes the kernel answer them with
 * a reset, and a client still sending can meet that reset (EPIPE or ECONNRESET) before it has
 * read the refusal.
 */
function linger(socket: Socket): void {
  lingering.add(socket)
  const timer = setTimeout(() => socket.destroy(), LINGER_MS).unref()
  socket.once('close', () => clearTimeout(timer))
}

/**
 * IAM's error envelope for a request refused before it reaches the mock.
 *
 * @note Written with the AWS envelope whatever the dialect: the refusal happens in front of the
 * mock, as a front end would, so it is not in `mock.calls` either. In XML, so that the SDKs, the
 * CLI and boto3 show the message, which says what to do.
 */
function iamError(
  res: ServerResponse,
  error: IamError,
  headers: Record<string, string> = {},
): Promise<void> {
  const requestId = randomUUID()
  const body = errorBody(awsDialect.xml, error, requestId, IAM_XMLNS)
  return send(
    res,
    error.status,
    { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId, ...headers },
    body,
  )
}

/** A refused body (see `iamError`); the connection closes after it. */
function tooLarge(res: ServerResponse): Promise<void> {
  return iamError(res, IamError.requestTooLarge(MAX_BODY_BYTES), { Connection: 'close' })
}

/** The request's headers exactly as sent (Host included: signatures cover it). */
function headersOf(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap()
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.add(req.rawHeaders[i]!, req.rawHeaders[i + 1]!)
  }
  return headers
}

/**
 * The path and query of a request target. An absolute-form target (`POST http://x/ HTTP/1.1`)
 * keeps only its path; a path such as `//x` stays a path instead of becoming a host.
 */
function target(raw: string): { path: string; search: string } {
  const url = raw.startsWith('/') ? new URL(`http://x${raw}`) : safeUrl(raw)
  return { path: url?.pathname ?? raw, search: url?.search ?? '' }
}

function safeUrl(raw: string): URL | undefined {
  try {
    return new URL(raw)
  } catch {
    return undefined
  }
}

function notIam(method: string, path: string): string {
  return (
    `msw-iam: no IAM operation at ${method} ${path}. IAM answers POST / (form) and GET /?Action=…; ` +
    `admin routes live under ${ADMIN_PREFIX}.\n`
  )
}

function json(res: ServerResponse, status: number, value: unknown): Promise<void> {
  return send(res, status, { 'Content-Type': 'application/json' }, `${JSON.stringify(value)}\n`)
}

/** How much of a streamed JSON list is written at once. */
const LIST_CHUNK = 64 * 1024

/**
 * A JSON array written item by item (chunked), never as one string: however long the list, no
 * string of its whole text is built, and a slow reader holds back the writing (backpressure)
 * instead of the answer piling up in memory.
 */
async function jsonList(res: ServerResponse, items: readonly unknown[]): Promise<void> {
  res.writeHead(200, { 'Content-Type': 'application/json' })
  if (res.req.method === 'HEAD') return void res.end()
  let chunk = '['
  for (let i = 0; i < items.length; i++) {
    chunk += `${i > 0 ? ',' : ''}${JSON.stringify(items[i])}`
    if (chunk.length < LIST_CHUNK) continue
    if (!res.write(chunk)) await drained(res)
    if (res.destroyed) return
    chunk = ''
  }
  res.end(`${chunk}]\n`)
}

/** Resolves once `res` can take more, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve()
    const bytes = typeof body === 'string' ? Buffer.from(body) : body
    res.writeHead(status, { ...headers, 'Content-Length': String(bytes.length) })
    res.end(res.req.method === 'HEAD' ? undefined : bytes, () => resolve())
  })
}

function internalError(res: ServerResponse, error: unknown): void {
  console.error('msw-iam: internal error in the server (please report it):', error)
  if (res.headersSent) return void res.destroy()
  void send(res, 500, { 'Content-Type': 'text/plain; charset=utf-8' }, 'msw-iam: internal error\n')
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      // After startup, a server error (EMFILE…) is reported, never thrown into the process.
      server.on('error', (error) => console.error('msw-iam: server error:', error))
      resolve()
    })
  })
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve()
    server.close(() => resolve())
    // Idle keep-alive connections go now; requests in flight get a moment to finish.
    server.closeIdleConnections()
    setTimeout(() => server.closeAllConnections(), 1000).unref()
  })
}
