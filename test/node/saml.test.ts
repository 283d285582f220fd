import { ListRolesCommand } from '@aws-sdk/client-iam'
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { iamClient, sdkError, trustPolicy, useIam } from '../helpers.js'

/** AssumeRoleWithSAML with hand-made assertions (their XML signatures are not verified). */

const ACCOUNT = '123456789012'
const ENTITY_ID = 'https://idp.example.com/saml'
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:saml-provider/ExampleIdP`
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/SamlAdmin`
const RECIPIENT = 'https://signin.aws.amazon.com/saml'

const metadata = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${ENTITY_ID}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>
</md:EntityDescriptor>`

const trust = trustPolicy({
  Principal: { Federated: PROVIDER_ARN },
  Action: 'sts:AssumeRoleWithSAML',
  Condition: { StringEquals: { 'SAML:aud': RECIPIENT } },
})

const iam = useIam({
  verifySignatures: true,
  fixtures: {
    AccountId: ACCOUNT,
    SAMLProviders: [{ Name: 'ExampleIdP', SAMLMetadataDocument: metadata }],
    Roles: [{ RoleName: 'SamlAdmin', AssumeRolePolicyDocument: trust }],
  },
})

interface AssertionOptions {
  issuer?: string
  role?: string
  sessionName?: string | null
  notOnOrAfter?: Date
  recipient?: string
}

/** A base64 SAML response as an IdP posts it to AWS's sign-in page (unsigned here). */
function assertion(options: AssertionOptions = {}): string {
  const notOnOrAfter = (options.notOnOrAfter ?? new Date(Date.now() + 300_000)).toISOString()
  const attribute = (name: string, values: string[]) =>
    `<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/${name}">${values
      .map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`)
      .join('')}</saml:Attribute>`
  const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" Version="2.0">
  <saml:Issuer>${options.issuer ?? ENTITY_ID}</saml:Issuer>
  <saml:Assertion Version="2.0">
    <saml:Issuer>${options.issuer ?? ENTITY_ID}</saml:Issuer>
    <saml:Subject>
      <saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">alice@example.com</saml:NameID>
      <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
        <saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${options.recipient ?? RECIPIENT}"/>
      </saml:SubjectConfirmation>
    </saml:Subject>
    <saml:Conditions NotOnOrAfter="${notOnOrAfter}">
      <saml:AudienceRestriction><saml:Audience>urn:amazon:webservices</saml:Audience></saml:AudienceRestriction>
    </saml:Conditions>
    <saml:AttributeStatement>
      ${attribute('Role', [`${options.role ?? ROLE_ARN},${PROVIDER_ARN}`])}
      ${options.sessionName === null ? '' : attribute('RoleSessionName', [options.sessionName ?? 'alice'])}
    </saml:AttributeStatement>
  </saml:Assertion>
</samlp:Response>`
  return Buffer.from(xml).toString('base64')
}

const anonymous = new STSClient({
  region: 'us-east-1',
  maxAttempts: 1,
  credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
})
const assume = (SAMLAssertion: string, RoleArn = ROLE_ARN) =>
  anonymous.send(
    new AssumeRoleWithSAMLCommand({ RoleArn, PrincipalArn: PROVIDER_ARN, SAMLAssertion }),
  )

describe('AssumeRoleWithSAML', () => {
  it('answers credentials that call IAM as the role session, with the assertion’s subject', async () => {
    const answer = await assume(assertion())
    const qualifier = createHash('sha1')
      .update(`${ENTITY_ID}${ACCOUNT}/ExampleIdP`)
      .digest('base64')
    expect(answer).toMatchObject({
      AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/SamlAdmin/alice` },
      Subject: 'alice@example.com',
      SubjectType: 'persistent',
      Issuer: ENTITY_ID,
      Audience: RECIPIENT,
      NameQualifier: qualifier,
    })
    const credentials = {
      accessKeyId: answer.Credentials!.AccessKeyId!,
      secretAccessKey: answer.Credentials!.SecretAccessKey!,
      sessionToken: answer.Credentials!.SessionToken!,
    }
    const { Roles } = await iamClient(credentials).send(new ListRolesCommand({}))
    expect(Roles!.map((role) => role.RoleName)).toEqual(['SamlAdmin'])
    const identity = await new STSClient({ region: 'us-east-1', maxAttempts: 1, credentials }).send(
      new GetCallerIdentityCommand({}),
    )
    expect(identity.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/SamlAdmin/alice`)
  })

  it('refuses an assertion whose Role attribute does not pair the role with the provider', async () => {
    const error = await sdkError(assume(assertion({ role: `arn:aws:iam::${ACCOUNT}:role/Other` })))
    expect(error.name).toBe('AccessDenied')
    expect(error.message).toBe('Not authorized to perform sts:AssumeRoleWithSAML')
  })

  it('refuses an assertion the trust policy’s conditions do not allow', async () => {
    const error = await sdkError(assume(assertion({ recipient: 'https://elsewhere.example' })))
    expect(error.name).toBe('AccessDenied')
  })

  it('refuses an assertion without RoleSessionName', async () => {
    const error = await sdkError(assume(assertion({ sessionName: null })))
    expect(error.name).toBe('InvalidIdentityTokenException')
    expect(error.message).toBe('RoleSessionName is required in AuthnResponse')
  })

  it('refuses an assertion of another issuer, and one past its NotOnOrAfter', async () => {
    // @note inferred: both sentences (and ExpiredTokenException for the expired assertion).
    const foreign = await sdkError(assume(assertion({ issuer: 'https://evil.example.com' })))
    expect(foreign.name).toBe('InvalidIdentityTokenException')
    const expired = await sdkError(
      assume(assertion({ notOnOrAfter: new Date(Date.now() - 60_000) })),
    )
    expect(expired.name).toBe('ExpiredTokenException')
  })

  it('refuses what is no SAML response', async () => {
    // @note inferred: InvalidIdentityToken and its sentence.
    const error = await sdkError(assume(Buffer.from('<html/>').toString('base64')))
    expect(error.name).toBe('InvalidIdentityTokenException')
  })

  it('keeps the assertion out of the journal', async () => {
    await assume(assertion())
    expect(iam.calls.ofAction('AssumeRoleWithSAML')[0]!.params.SAMLAssertion).toBe('[redacted]')
  })
})
