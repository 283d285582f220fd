// One benchmark scenario, in its own process: `node bench/scenario.mjs '<json options>'`.
// Prints one JSON line with its measurements. See bench/index.mjs and BENCHMARKS.md.
import { registerHooks } from 'node:module'
import { performance } from 'node:perf_hooks'

const options = JSON.parse(process.argv[2] ?? '{}')

if (options.msw === 3) {
  // Every `msw` import — ours and msw-iam's — resolves to the msw 3 install (the `msw3` alias).
  registerHooks({
    resolve(specifier, context, next) {
      const mapped = /^msw(\/.*)?$/.test(specifier) ? specifier.replace(/^msw/, 'msw3') : specifier
      return next(mapped, context)
    },
  })
}

const ROOT_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}

/** The constant XML a "static" baseline answers with: a real CreateAccessKey response. */
const STATIC_XML = `<CreateAccessKeyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <CreateAccessKeyResult>
    <AccessKey>
      <UserName>Bob</UserName>
      <AccessKeyId>AKIAIOSFODNN7EXAMPLE</AccessKeyId>
      <Status>Active</Status>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <CreateDate>2026-02-11T10:40:38Z</CreateDate>
    </AccessKey>
  </CreateAccessKeyResult>
  <ResponseMetadata>
    <RequestId>0f5b8f2e-6a52-4f8e-9c1b-2d3c4e5f6a7b</RequestId>
  </ResponseMetadata>
</CreateAccessKeyResponse>
`
// The headers IAM answers with, Date included: the SDK reads Date on every response (to track its
// clock skew), so a baseline without it would measure a floor no IAM answer can reach.
const STATIC_HEADERS = {
  'content-type': 'text/xml',
  'x-amzn-requestid': '0f5b8f2e-6a52-4f8e-9c1b-2d3c4e5f6a7b',
  date: new Date().toUTCString(),
}

const sdk = await import('@aws-sdk/client-iam')

function client(config = {}) {
  return new sdk.IAMClient({
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: ROOT_KEY,
    ...config,
  })
}

/** The measured loop: CreateAccessKey then DeleteAccessKey for one user, both calls counted. */
async function keyLoop(iamClient, calls, onCall = () => {}) {
  const latencies = new Float64Array(calls)
  for (let i = 0; i < calls; i += 2) {
    let t = performance.now()
    const { AccessKey } = await iamClient.send(new sdk.CreateAccessKeyCommand({ UserName: 'Bob' }))
    latencies[i] = performance.now() - t
    onCall(i + 1)
    if (i + 1 >= calls) break
    t = performance.now()
    await iamClient.send(
      new sdk.DeleteAccessKeyCommand({ UserName: 'Bob', AccessKeyId: AccessKey.AccessKeyId }),
    )
    latencies[i + 1] = performance.now() - t
    onCall(i + 2)
  }
  return latencies
}

/** The static baselines answer every call with the same CreateAccessKey XML. */
async function staticLoop(iamClient, calls, onCall = () => {}) {
  const latencies = new Float64Array(calls)
  for (let i = 0; i < calls; i++) {
    const t = performance.now()
    await iamClient.send(new sdk.CreateAccessKeyCommand({ UserName: 'Bob' }))
    latencies[i] = performance.now() - t
    onCall(i + 1)
  }
  return latencies
}

function summarize(latencies) {
  const sorted = Float64Array.from(latencies).sort()
  const total = latencies.reduce((a, b) => a + b, 0)
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return {
    calls: latencies.length,
    callsPerSecond: (latencies.length / total) * 1000,
    p50: at(0.5),
    p99: at(0.99),
  }
}

async function measure(loop, iamClient) {
  await loop(iamClient, options.warmup ?? 300)
  return summarize(await loop(iamClient, options.calls ?? 3000))
}

function fixtureWith(users) {
  const secret = 'x'.repeat(40)
  const pad = (n, width) => String(n).padStart(width, '0')
  return {
    Users: [
      { UserName: 'Bob' },
      ...Array.from({ length: users }, (_, i) => ({
        UserName: `user${pad(i, 6)}`,
        UserId: `AIDAUSER${pad(i, 13)}`,
        CreateDate: '2024-01-01T00:00:00Z',
        AccessKeys:
          options.keysPerUser === 0
            ? []
            : Array.from({ length: options.keysPerUser ?? 2 }, (_, k) => ({
                AccessKeyId: `AKIAK${k}${pad(i, 14)}`,
                SecretAccessKey: secret,
                CreateDate: '2024-01-01T00:00:00Z',
              })),
      })),
    ],
  }
}

async function mswServer(handlers) {
  const { setupServer } = await import('msw/node')
  const server = setupServer(...handlers)
  server.listen({ onUnhandledRequest: 'error', onUnhandledFrame: 'error' })
  return server
}

async function staticMswHandler() {
  const { http, HttpResponse } = await import('msw')
  return http.post(
    'https://iam.amazonaws.com/',
    () => new HttpResponse(STATIC_XML, { headers: STATIC_HEADERS }),
  )
}

const staticDirectHandler = {
  async handle() {
    return {
      response: {
        statusCode: 200,
        headers: STATIC_HEADERS,
        body: new TextEncoder().encode(STATIC_XML),
      },
    }
  },
  updateHttpClientConfig() {},
  httpHandlerConfigs: () => ({}),
}

function rssMiB() {
  globalThis.gc?.()
  return process.memoryUsage().rss / 2 ** 20
}

const scenarios = {
  async 'msw-static'() {
    await mswServer([await staticMswHandler()])
    return measure(staticLoop, client())
  },
  async 'msw-iam'() {
    const { createIamMock } = await import('msw-iam')
    const iam = createIamMock({ fixtures: fixtureWith(0), journalLimit: 0 })
    await mswServer(iam.handlers)
    return measure(keyLoop, client())
  },
  async 'direct-static'() {
    return measure(staticLoop, client({ requestHandler: staticDirectHandler }))
  },
  async direct() {
    const { createIamMock } = await import('msw-iam')
    const iam = createIamMock({ fixtures: fixtureWith(0), journalLimit: 0 })
    return measure(keyLoop, client({ requestHandler: iam.requestHandler }))
  },
  async 'server-static'() {
    const http = await import('node:http')
    const server = http.createServer((req, res) => {
      req.resume()
      req.on('end', () => res.writeHead(200, STATIC_HEADERS).end(STATIC_XML))
    })
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address()
    const result = await measure(staticLoop, client({ endpoint: `http://127.0.0.1:${port}` }))
    server.close()
    return result
  },
  async 'server-msw-static'() {
    // node:http + msw's getResponse with a static handler: the floor getResponse sets for a server.
    const http = await import('node:http')
    const { getResponse } = await import('msw')
    const handlers = [await staticMswHandler()]
    const server = http.createServer((req, res) => {
      const chunks = []
      req.on('data', (chunk) => chunks.push(chunk))
      req.on('end', async () => {
        const request = new Request('https://iam.amazonaws.com/', {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? '' },
          body: Buffer.concat(chunks),
        })
        const response = await getResponse(handlers, request)
        res
          .writeHead(response.status, Object.fromEntries(response.headers))
          .end(await response.text())
      })
    })
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address()
    const result = await measure(staticLoop, client({ endpoint: `http://127.0.0.1:${port}` }))
    server.close()
    return result
  },
  async server() {
    const { startIamServer } = await import('msw-iam/server')
    const running = await startIamServer({ port: 0, fixtures: fixtureWith(0), journalLimit: 0 })
    const result = await measure(keyLoop, client({ endpoint: running.url }))
    await running.close()
    return result
  },
  async scale() {
    const { createIamMock } = await import('msw-iam')
    const fixture = fixtureWith(options.users)
    const t = performance.now()
    const iam = createIamMock({ fixtures: fixture, journalLimit: 0 })
    const seedMs = performance.now() - t
    await mswServer(iam.handlers)
    return {
      ...(await measure(keyLoop, client())),
      seedMs,
      users: iam.store.accountId && options.users,
    }
  },
  async reset() {
    // A test that touched 10 entities (5 users created, 5 tagged), then reset(): the cost of the
    // reset, however large the fixture (`users`).
    const { createIamMock } = await import('msw-iam')
    const iam = createIamMock({ fixtures: fixtureWith(options.users), journalLimit: 0 })
    const iamClient = client({ requestHandler: iam.requestHandler })
    const rounds = options.rounds ?? 200
    const times = new Float64Array(rounds)
    for (let round = -20; round < rounds; round++) {
      for (let i = 0; i < 5; i++) {
        await iamClient.send(new sdk.CreateUserCommand({ UserName: `new${i}` }))
        await iamClient.send(
          new sdk.TagUserCommand({ UserName: 'Bob', Tags: [{ Key: `k${i}`, Value: 'v' }] }),
        )
      }
      const t = performance.now()
      iam.reset()
      if (round >= 0) times[round] = performance.now() - t
    }
    const sorted = Float64Array.from(times).sort()
    return { resetMs: sorted[Math.floor(rounds / 2)], users: options.users }
  },
  async enforce() {
    // Enforcement's cost per call through msw: Bob, signing with his own key, holds 10 attached
    // policies of 20 statements each (19 about other services, one allowing his own keys).
    const { createIamMock } = await import('msw-iam')
    const BOB_KEY = { accessKeyId: 'AKIABOBBENCH00000001', secretAccessKey: 'b'.repeat(40) }
    const statements = (p) =>
      Array.from({ length: 20 }, (_, i) =>
        i === 19 && p === 9
          ? {
              Effect: 'Allow',
              Action: ['iam:CreateAccessKey', 'iam:DeleteAccessKey'],
              Resource: 'arn:aws:iam::*:user/${aws:username}',
            }
          : {
              Sid: `S${p}x${i}`,
              Effect: i % 5 === 0 ? 'Deny' : 'Allow',
              Action: [`s3:Get${i}*`, `ec2:Describe${p}*`],
              Resource: `arn:aws:s3:::bucket-${p}-${i}/*`,
              Condition: { StringEquals: { 'aws:PrincipalTag/team': `t${i}` } },
            },
      )
    const Policies = Array.from({ length: 10 }, (_, p) => ({
      PolicyName: `P${p}`,
      Document: { Version: '2012-10-17', Statement: statements(p) },
    }))
    const iam = createIamMock({
      authorize: options.authorize,
      journalLimit: 0,
      fixtures: {
        Policies,
        Users: [
          {
            UserName: 'Bob',
            AccessKeys: [
              { AccessKeyId: BOB_KEY.accessKeyId, SecretAccessKey: BOB_KEY.secretAccessKey },
            ],
            AttachedPolicies: Policies.map(
              (p) => `arn:aws:iam::123456789012:policy/${p.PolicyName}`,
            ),
          },
        ],
      },
    })
    await mswServer(iam.handlers)
    return measure(keyLoop, client({ credentials: BOB_KEY }))
  },
  async awsPolicies() {
    // The first request that names an AWS managed policy loads their data (a module of its own);
    // what that costs once, in time and memory, and what a suite that never names one saves.
    const { createIamMock } = await import('msw-iam')
    const iam = createIamMock({ journalLimit: 0 })
    const iamClient = client({ requestHandler: iam.requestHandler })
    await iamClient.send(new sdk.CreateUserCommand({ UserName: 'Bob' }))
    globalThis.gc?.()
    const rssBefore = process.memoryUsage().rss
    const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess'
    const t = performance.now()
    await iamClient.send(new sdk.AttachUserPolicyCommand({ UserName: 'Bob', PolicyArn: arn }))
    const firstMs = performance.now() - t
    globalThis.gc?.()
    const rssMiB = (process.memoryUsage().rss - rssBefore) / 2 ** 20
    const times = []
    for (let i = 0; i < 50; i++) {
      const u = performance.now()
      await iamClient.send(new sdk.DetachUserPolicyCommand({ UserName: 'Bob', PolicyArn: arn }))
      await iamClient.send(new sdk.AttachUserPolicyCommand({ UserName: 'Bob', PolicyArn: arn }))
      times.push((performance.now() - u) / 2)
    }
    return { firstMs, rssMiB, laterMs: times.sort((a, b) => a - b)[25] }
  },
  async flood() {
    // The 1 MiB TagUser body of 44,000 Tags.member.N.Key parameters, through the server.
    const { startIamServer } = await import('msw-iam/server')
    const running = await startIamServer({ port: 0, journalLimit: 0 })
    const parts = ['Action=TagUser', 'Version=2010-05-08', 'UserName=Bob']
    for (let i = 1; i <= 44_000; i++) parts.push(`Tags.member.${i}.Key=k`)
    const body = parts.join('&')
    const times = []
    for (let i = 0; i < 7; i++) {
      const t = performance.now()
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      })
      const text = await response.text()
      times.push(performance.now() - t)
      if (response.status !== 400 || !text.includes('ValidationError')) {
        throw new Error(`flood: unexpected answer ${response.status}`)
      }
    }
    await running.close()
    return { floodMs: times.sort((a, b) => a - b)[3], bytes: body.length }
  },
  async rss() {
    const points = options.points ?? [0, 10_000, 20_000]
    let iamClient
    let loop
    if (options.target === 'msw-iam') {
      const { createIamMock } = await import('msw-iam')
      const iam = createIamMock({ fixtures: fixtureWith(0) })
      await mswServer(iam.handlers)
      loop = keyLoop
    } else {
      await mswServer([await staticMswHandler()])
      loop = staticLoop
    }
    iamClient = client()
    await loop(iamClient, 200)
    const rss = { 0: rssMiB() }
    let done = 0
    for (const point of points.slice(1)) {
      await loop(iamClient, point - done)
      done = point
      rss[point] = rssMiB()
    }
    return { rss }
  },
  async cold() {
    // "msw alone" is msw as a suite sets it up: handlers from `msw` (http) served by
    // `msw/node`'s setupServer; "msw + msw-iam" adds createIamMock's handlers to it.
    const t = performance.now()
    const [{ http, HttpResponse }, { setupServer }] = await Promise.all([
      import('msw'),
      import('msw/node'),
    ])
    const handlers = [http.get('https://api.example.test/ping', () => HttpResponse.json({}))]
    if (options.withIam) {
      const { createIamMock } = await import('msw-iam')
      handlers.push(...createIamMock().handlers)
    }
    const server = setupServer(...handlers)
    server.listen({ onUnhandledRequest: 'bypass', onUnhandledFrame: 'bypass' })
    const coldMs = performance.now() - t
    server.close()
    return { coldMs }
  },
}

const result = await scenarios[options.scenario]()
process.stdout.write(`${JSON.stringify(result)}\n`)
process.exit(0)
