import { readFile } from 'node:fs/promises'
import mswPackage from 'msw/package.json' with { type: 'json' }
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { certificate } from '../keys.js'
import { describeInChromium, launchChromium } from './chromium.js'
import type { IamPage } from './page/main.js'
import { startTestPage, type RunningVite } from './vite-server.js'

/**
 * The real `@aws-sdk/client-iam` browser build (fetch, WebCrypto signing) in headless Chromium,
 * answered by msw-iam behind msw's service worker: what a front-end sees in development.
 */

const AKIA = /^AKIA[A-Z2-7]{16}$/
const AIDA = /^AIDA[A-Z2-7]{17}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

let vite: RunningVite
let browser: Browser

/** A fresh context (own service worker registration and storage) on the test page. */
async function openPage(mock: object = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext()
  context.setDefaultTimeout(20_000)
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`${vite.url}?mock=${encodeURIComponent(JSON.stringify(mock))}`)
  // The page sets data-ready once `await worker.start()` resolved: the worker is active.
  await page
    .waitForSelector('body[data-ready="true"]', { state: 'attached' })
    .catch((error: Error) => {
      throw new Error(`the test page did not start: ${errors.join('; ') || error.message}`)
    })
  return { context, page }
}

describeInChromium('the SDK browser build through the service worker', { timeout: 30_000 }, () => {
  let context: BrowserContext
  let page: Page
  /** One SDK command in the page, as `window.iamPage.send(…)`. */
  const send = (...args: Parameters<IamPage['send']>) =>
    page.evaluate((args) => window.iamPage.send(...args), args)
  const sendOk = async (...args: Parameters<IamPage['send']>) => {
    const result = await send(...args)
    if ('error' in result) throw new Error(`${args[0]} failed: ${result.error.message}`)
    return result.output as Record<string, any>
  }
  const sendFailing = async (...args: Parameters<IamPage['send']>) => {
    const result = await send(...args)
    if ('output' in result) throw new Error(`${args[0]} succeeded, expected an error`)
    return result.error
  }

  beforeAll(async () => {
    ;[vite, browser] = await Promise.all([startTestPage(), launchChromium()])
    ;({ context, page } = await openPage())
  }, 120_000)

  afterEach(() => page.evaluate(() => window.iamPage.reset()))

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await vite?.server.close()
  })

  it('runs the access-key lifecycle from CreateUser to DeleteUser', async () => {
    const { User } = await sendOk('CreateUserCommand', { UserName: 'Bob' })
    expect(User).toEqual({
      UserName: 'Bob',
      Path: '/',
      UserId: expect.stringMatching(AIDA),
      Arn: 'arn:aws:iam::123456789012:user/Bob',
      CreateDate: expect.any(Date),
    })

    const created = await sendOk('CreateAccessKeyCommand', { UserName: 'Bob' })
    expect(created['AccessKey']).toEqual({
      UserName: 'Bob',
      AccessKeyId: expect.stringMatching(AKIA),
      Status: 'Active',
      SecretAccessKey: expect.stringMatching(/^[A-Za-z0-9/+]{40}$/),
      CreateDate: expect.any(Date),
    })
    expect(created['$metadata']).toMatchObject({ httpStatusCode: 200, attempts: 1 })
    expect(created['$metadata'].requestId).toMatch(UUID)
    const keyId: string = created['AccessKey'].AccessKeyId

    const listed = await sendOk('ListAccessKeysCommand', { UserName: 'Bob' })
    expect(listed['AccessKeyMetadata']).toEqual([
      { UserName: 'Bob', AccessKeyId: keyId, Status: 'Active', CreateDate: expect.any(Date) },
    ])
    expect(listed['IsTruncated']).toBe(false)

    await sendOk('UpdateAccessKeyCommand', {
      UserName: 'Bob',
      AccessKeyId: keyId,
      Status: 'Inactive',
    })
    const afterUpdate = await sendOk('ListAccessKeysCommand', { UserName: 'Bob' })
    expect(afterUpdate['AccessKeyMetadata'][0].Status).toBe('Inactive')

    await sendOk('DeleteAccessKeyCommand', { UserName: 'Bob', AccessKeyId: keyId })
    const afterDelete = await sendOk('ListAccessKeysCommand', { UserName: 'Bob' })
    expect(afterDelete['AccessKeyMetadata']).toEqual([])

    await sendOk('DeleteUserCommand', { UserName: 'Bob' })
    const { Users } = await sendOk('ListUsersCommand', {})
    expect(Users).toEqual([])
    expect(await page.evaluate(() => window.iamPage.actions())).toEqual([
      'CreateUser',
      'CreateAccessKey',
      'ListAccessKeys',
      'UpdateAccessKey',
      'ListAccessKeys',
      'DeleteAccessKey',
      'ListAccessKeys',
      'DeleteUser',
      'ListUsers',
    ])
  })

  it("attaches an AWS managed policy, loading AWS's policies in the page on first use", async () => {
    const arn = 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'
    await sendOk('CreateUserCommand', { UserName: 'lambda-deployer' })
    await sendOk('AttachUserPolicyCommand', { UserName: 'lambda-deployer', PolicyArn: arn })
    const { AttachedPolicies } = await sendOk('ListAttachedUserPoliciesCommand', {
      UserName: 'lambda-deployer',
    })
    expect(AttachedPolicies).toEqual([
      { PolicyName: 'AWSLambdaBasicExecutionRole', PolicyArn: arn },
    ])
    const { Policy } = await sendOk('GetPolicyCommand', { PolicyArn: arn })
    expect(Policy).toMatchObject({ Path: '/service-role/', AttachmentCount: 1, IsAttachable: true })
    const { PolicyVersion } = await sendOk('GetPolicyVersionCommand', {
      PolicyArn: arn,
      VersionId: Policy.DefaultVersionId,
    })
    const document = JSON.parse(decodeURIComponent(PolicyVersion.Document))
    expect(JSON.stringify(document)).toContain('logs:CreateLogGroup')
  })

  it('rejects a key for an unknown user with NoSuchEntity', async () => {
    const error = await sendFailing('CreateAccessKeyCommand', { UserName: 'nobody' })
    expect(error).toMatchObject({
      name: 'NoSuchEntityException',
      Code: 'NoSuchEntity',
      Type: 'Sender',
      message: 'The user with name nobody cannot be found.',
      $fault: 'client',
      $metadata: { httpStatusCode: 404 },
    })
    expect(error.$metadata.requestId).toMatch(UUID)
  })

  it('refuses a third key with LimitExceeded on the first attempt', async () => {
    await sendOk('CreateUserCommand', { UserName: 'Bob' })
    await sendOk('CreateAccessKeyCommand', { UserName: 'Bob' })
    await sendOk('CreateAccessKeyCommand', { UserName: 'Bob' })
    const error = await sendFailing('CreateAccessKeyCommand', { UserName: 'Bob' })
    expect(error).toMatchObject({
      name: 'LimitExceededException',
      Code: 'LimitExceeded',
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
      $metadata: { httpStatusCode: 409, attempts: 1 },
    })
    const { AccessKeyMetadata } = await sendOk('ListAccessKeysCommand', { UserName: 'Bob' })
    expect(AccessKeyMetadata).toHaveLength(2)
  })

  it('rejects a user name that differs only in case with EntityAlreadyExists', async () => {
    await sendOk('CreateUserCommand', { UserName: 'Bob' })
    const error = await sendFailing('CreateUserCommand', { UserName: 'BOB' })
    expect(error).toMatchObject({
      name: 'EntityAlreadyExistsException',
      Code: 'EntityAlreadyExists',
      message: 'User with name BOB already exists.',
      $metadata: { httpStatusCode: 409 },
    })
  })

  it('refuses to delete a user who still has a key with DeleteConflict', async () => {
    await sendOk('CreateUserCommand', { UserName: 'Bob' })
    await sendOk('CreateAccessKeyCommand', { UserName: 'Bob' })
    const error = await sendFailing('DeleteUserCommand', { UserName: 'Bob' })
    expect(error).toMatchObject({
      name: 'DeleteConflictException',
      Code: 'DeleteConflict',
      message: 'Cannot delete entity, must delete access keys first.',
      $metadata: { httpStatusCode: 409 },
    })
    expect((await sendOk('GetUserCommand', { UserName: 'Bob' }))['User'].UserName).toBe('Bob')
  })

  it('parses certificates and private keys in the page: a server certificate and a signing certificate', async () => {
    const root = certificate('/CN=Browser Root CA')
    const leaf = root.sign('/CN=browser.example.com')
    const input = {
      ServerCertificateName: 'web',
      CertificateBody: leaf.certificate,
      CertificateChain: root.certificate,
    }
    const mismatch = await sendFailing('UploadServerCertificateCommand', {
      ...input,
      PrivateKey: root.privateKey,
    })
    expect(mismatch).toMatchObject({ name: 'KeyPairMismatchException' })
    const uploaded = await sendOk('UploadServerCertificateCommand', {
      ...input,
      PrivateKey: leaf.pkcs8,
    })
    expect(uploaded['ServerCertificateMetadata'].Expiration).toEqual(leaf.notAfter)
    await sendOk('CreateUserCommand', { UserName: 'Bob' })
    const { Certificate } = await sendOk('UploadSigningCertificateCommand', {
      UserName: 'Bob',
      CertificateBody: root.certificate,
    })
    expect(Certificate.CertificateId).toMatch(/^[A-Z2-7]{32}$/)
  })

  it('rejects a 65-character user name with ValidationError', async () => {
    const error = await sendFailing('CreateUserCommand', { UserName: 'a'.repeat(65) })
    expect(error).toMatchObject({
      name: 'ValidationError',
      Code: 'ValidationError',
      Type: 'Sender',
      message:
        "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64",
      $metadata: { httpStatusCode: 400 },
    })
  })

  it("makes the owner of the signing key the caller, from the browser SDK's SigV4 header", async () => {
    await sendOk('CreateUserCommand', { UserName: 'Bob' })
    const { AccessKey } = await sendOk('CreateAccessKeyCommand', { UserName: 'Bob' })
    const { User } = await sendOk(
      'GetUserCommand',
      {},
      { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey },
    )
    expect(User.Arn).toBe('arn:aws:iam::123456789012:user/Bob')
    const { AccessKeyLastUsed } = await sendOk('GetAccessKeyLastUsedCommand', {
      AccessKeyId: AccessKey.AccessKeyId,
    })
    expect(AccessKeyLastUsed).toMatchObject({ ServiceName: 'iam', Region: 'us-east-1' })
  })

  it('starts from a fixture object, lets its keys sign, and returns to it on reset', async () => {
    const alice = {
      UserName: 'alice',
      Path: '/staff/',
      AccessKeys: [{ AccessKeyId: 'AKIAALICEALICEALICE1', SecretAccessKey: 'alice-secret' }],
    }
    const fixed = await openPage({ fixtures: { AccountId: '210987654321', Users: [alice] } })
    const send = (...args: Parameters<IamPage['send']>) =>
      fixed.page.evaluate((args) => window.iamPage.send(...args), args)
    try {
      const asAlice = { accessKeyId: 'AKIAALICEALICEALICE1', secretAccessKey: 'alice-secret' }
      expect(await send('GetUserCommand', {}, asAlice)).toMatchObject({
        output: { User: { UserName: 'alice', Arn: 'arn:aws:iam::210987654321:user/staff/alice' } },
      })
      await send('CreateUserCommand', { UserName: 'Bob' })
      await fixed.page.evaluate(() => window.iamPage.reset())
      const listed = await send('ListUsersCommand', {})
      expect('output' in listed && listed.output['Users']).toEqual([
        expect.objectContaining({ UserName: 'alice', Path: '/staff/' }),
      ])
    } finally {
      await fixed.context.close()
    }
  })

  it('enforces a user’s policies in the page (authorize: true), in AWS’s words', async () => {
    const bob = {
      UserName: 'bob',
      AccessKeys: [{ AccessKeyId: 'AKIABOBBOBBOBBOBBOB1', SecretAccessKey: 'bob-secret' }],
      Policies: {
        read: {
          Version: '2012-10-17',
          Statement: { Effect: 'Allow', Action: 'iam:Get*', Resource: '*' },
        },
      },
    }
    const enforcing = await openPage({ authorize: true, fixtures: { Users: [bob] } })
    const send = (...args: Parameters<IamPage['send']>) =>
      enforcing.page.evaluate((args) => window.iamPage.send(...args), args)
    try {
      const asBob = { accessKeyId: 'AKIABOBBOBBOBBOBBOB1', secretAccessKey: 'bob-secret' }
      expect(await send('GetUserCommand', {}, asBob)).toMatchObject({
        output: { User: { UserName: 'bob' } },
      })
      expect(await send('CreateUserCommand', { UserName: 'eve' }, asBob)).toMatchObject({
        error: {
          name: 'AccessDenied',
          message:
            'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/eve because no identity-based policy allows the iam:CreateUser action',
          $metadata: { httpStatusCode: 403 },
        },
      })
      expect(await send('CreateUserCommand', { UserName: 'eve' })).toHaveProperty('output')
    } finally {
      await enforcing.context.close()
    }
  })

  it('verifies SigV4 signatures in the browser (WebCrypto), as in Node', async () => {
    const verifying = await openPage({ verifySignatures: true })
    const send = (...args: Parameters<IamPage['send']>) =>
      verifying.page.evaluate((args) => window.iamPage.send(...args), args)
    try {
      expect(await send('CreateUserCommand', { UserName: 'Bob' })).toHaveProperty('output')
      const created = await send('CreateAccessKeyCommand', { UserName: 'Bob' })
      const key = 'output' in created ? (created.output['AccessKey'] as Record<string, string>) : {}
      const bob = { accessKeyId: key['AccessKeyId']!, secretAccessKey: key['SecretAccessKey']! }
      expect(await send('GetUserCommand', {}, bob)).toMatchObject({
        output: { User: { UserName: 'Bob' } },
      })
      expect(
        await send('GetUserCommand', {}, { ...bob, secretAccessKey: `${bob.secretAccessKey}x` }),
      ).toMatchObject({
        error: {
          name: 'SignatureDoesNotMatch',
          message: expect.stringMatching(/^The request signature we calculated does not match/),
          $metadata: { httpStatusCode: 403 },
        },
      })
      await send('UpdateAccessKeyCommand', {
        UserName: 'Bob',
        AccessKeyId: bob.accessKeyId,
        Status: 'Inactive',
      })
      expect(await send('GetUserCommand', {}, bob)).toMatchObject({
        error: {
          name: 'InvalidClientTokenId',
          message: 'The security token included in the request is invalid.',
        },
      })
      const unsigned = await verifying.page.evaluate(() =>
        window.iamPage.raw('Action=ListUsers&Version=2010-05-08'),
      )
      expect(unsigned.status).toBe(403)
      expect(unsigned.body).toContain('<Code>MissingAuthenticationToken</Code>')
    } finally {
      await verifying.context.close()
    }
  })

  it('serves the worker script of the msw version the page runs', async () => {
    const script = await (await fetch(new URL('/mockServiceWorker.js', vite.url))).text()
    expect(script).toContain(`const PACKAGE_VERSION = '${mswPackage.version}'`)
  })

  it('answers with the same XML as in Node, byte for byte, for the same seed and clock', async () => {
    // The script of test/node/determinism.test.ts, whose answers are the golden files.
    const auth =
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=0'
    const script: [string, Record<string, string>][] = [
      [
        'create-user',
        {
          Action: 'CreateUser',
          UserName: 'Bob',
          Path: '/division_abc/',
          'Tags.member.1.Key': 'team',
          'Tags.member.1.Value': 'core',
        },
      ],
      ['create-access-key', { Action: 'CreateAccessKey', UserName: 'Bob' }],
      ['list-users', { Action: 'ListUsers' }],
      ['list-access-keys', { Action: 'ListAccessKeys', UserName: 'Bob' }],
      [
        'get-access-key-last-used',
        { Action: 'GetAccessKeyLastUsed', AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' },
      ],
      ['error-limit-exceeded', { Action: 'CreateAccessKey' }],
      ['error-limit-exceeded', { Action: 'CreateAccessKey' }],
      ['error-no-such-entity', { Action: 'DeleteUser', UserName: 'nobody' }],
    ]
    const seeded = await openPage({ seed: 42, clock: '2026-02-11T10:40:38.512Z' })
    try {
      const answers = await seeded.page.evaluate(
        async ({ script, auth }) => {
          const answers: Record<string, Awaited<ReturnType<IamPage['raw']>>> = {}
          for (const [name, params] of script) {
            const body = new URLSearchParams({ Version: '2010-05-08', ...params }).toString()
            answers[name] = await window.iamPage.raw(body, { authorization: auth })
          }
          return answers
        },
        { script, auth },
      )
      for (const [name, answer] of Object.entries(answers)) {
        const golden = await readFile(new URL(`../golden/aws/${name}.xml`, import.meta.url), 'utf8')
        expect(answer.body, name).toBe(golden)
        expect(answer.contentType, name).toBe('text/xml')
        expect(answer.requestId, name).toBe(/<RequestId>(.*)<\/RequestId>/.exec(golden)![1])
      }
      expect(Object.keys(answers)).toHaveLength(7)
    } finally {
      await seeded.context.close()
    }
  })
  it('federates a web identity in the page: jose verifies the token with WebCrypto', async () => {
    const allowed = await page.evaluate(() => window.iamPage.webIdentity('browser-user'))
    expect(allowed.status).toBe(200)
    expect(allowed.body).toContain(
      '<Arn>arn:aws:sts::123456789012:assumed-role/BrowserRole/in-the-browser</Arn>',
    )
    expect(allowed.body).toContain(
      '<SubjectFromWebIdentityToken>browser-user</SubjectFromWebIdentityToken>',
    )
    const refused = await page.evaluate(() => window.iamPage.webIdentity('someone-else'))
    expect(refused.status).toBe(403)
    expect(refused.body).toContain('Not authorized to perform sts:AssumeRoleWithWebIdentity')
  })
})
