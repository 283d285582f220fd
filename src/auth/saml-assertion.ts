import { IamError } from '../errors.js'
import { attribute } from '../store/saml-providers.js'

/** AssumeRoleWithSAML's errors about the assertion. */
export const samlAssertionErrors = {
  /** @note Inferred: the sentence for an assertion that is not base64 of a SAML response. */
  unreadable(): IamError {
    return new IamError('InvalidIdentityToken', 'Invalid SAML response', 400)
  },
  /** Quoted in users' reports. */
  noSessionName(): IamError {
    return new IamError('InvalidIdentityToken', 'RoleSessionName is required in AuthnResponse', 400)
  },
  /** @note Inferred: the sentence for a PrincipalArn that names no SAML provider of the account. */
  noProvider(): IamError {
    return new IamError('InvalidIdentityToken', "Specified provider doesn't exist.", 400)
  },
  /** @note Inferred: the sentence for an Issuer that is not the provider's entity id. */
  wrongIssuer(): IamError {
    return new IamError(
      'InvalidIdentityToken',
      "Issuer of the SAML response does not match the provider's metadata",
      400,
    )
  },
  /** @note Inferred: ExpiredTokenException, and its sentence. */
  expired(): IamError {
    return new IamError('ExpiredTokenException', 'Response has expired', 400)
  },
  /** @note Inferred: the sentence for a provider whose metadata is past its ValidUntil. */
  providerExpired(): IamError {
    return new IamError('InvalidIdentityToken', 'The SAML provider metadata has expired', 400)
  },
  /** As AssumeRoleWithWebIdentity's (users quote it for both). */
  notAuthorized(): IamError {
    return new IamError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML', 403)
  },
}

/** What STS reads from a SAML response. */
export interface SamlAssertion {
  readonly issuer: string
  readonly nameId: string | undefined
  /** The NameID's Format, as AWS shortens it (`persistent`, `transient`) or whole. */
  readonly nameIdFormat: string | undefined
  /** The Recipient of the SubjectConfirmationData (`https://signin.aws.amazon.com/saml`). */
  readonly recipient: string | undefined
  readonly audiences: readonly string[]
  /** `https://aws.amazon.com/SAML/Attributes/Role`: `role ARN,provider ARN` pairs. */
  readonly roles: readonly { roleArn: string; providerArn: string }[]
  readonly sessionName: string | undefined
  readonly sessionDuration: number | undefined
  readonly notBefore: Date | undefined
  readonly notOnOrAfter: Date | undefined
  /** Session tags (`…/Attributes/PrincipalTag:Key`) and transitive keys. */
  readonly tags: readonly { Key: string; Value: string }[]
  readonly transitiveKeys: readonly string[]
  readonly sourceIdentity: string | undefined
}

const ATTRIBUTES = 'https://aws.amazon.com/SAML/Attributes/'

/**
 * Reads a base64 SAML response for the elements STS uses.
 *
 * @note Scanned, not parsed, as the providers' metadata is (`readSamlMetadata`): no XML parser
 * weighs on the browser bundle, and the XML signature is not verified — a known difference from
 * AWS, which checks it against the provider's metadata.
 * @throws InvalidIdentityToken when it is no SAML response
 */
export function readSamlAssertion(base64: string): SamlAssertion {
  let xml: string
  try {
    xml = new TextDecoder().decode(
      Uint8Array.from(atob(base64.replace(/\s/g, '')), (c) => c.charCodeAt(0)),
    )
  } catch {
    throw samlAssertionErrors.unreadable()
  }
  if (!/<(?:[\w.-]+:)?(Response|Assertion)\b/.test(xml)) throw samlAssertionErrors.unreadable()
  const issuer = text(xml, 'Issuer')
  if (issuer === undefined) throw samlAssertionErrors.unreadable()
  const nameIdMatch = element(xml, 'NameID')
  const format = nameIdMatch && attribute(nameIdMatch.attributes, 'Format')
  const confirmation = /<(?:[\w.-]+:)?SubjectConfirmationData\b([^>]*)/.exec(xml)?.[1] ?? ''
  const conditions = /<(?:[\w.-]+:)?Conditions\b([^>]*)/.exec(xml)?.[1] ?? ''
  const notOnOrAfter =
    attribute(confirmation, 'NotOnOrAfter') ?? attribute(conditions, 'NotOnOrAfter')
  const notBefore = attribute(conditions, 'NotBefore')
  const attributes = samlAttributes(xml)
  const roles = (attributes.get(`${ATTRIBUTES}Role`) ?? []).flatMap((value) => {
    const [a, b] = value.split(',').map((part) => part.trim())
    if (!a || !b) return []
    const aIsRole = /:role\//.test(a)
    return [{ roleArn: aIsRole ? a : b, providerArn: aIsRole ? b : a }]
  })
  const duration = attributes.get(`${ATTRIBUTES}SessionDuration`)?.[0]
  const tags = [...attributes.entries()].flatMap(([name, values]) =>
    name.startsWith(`${ATTRIBUTES}PrincipalTag:`) && values[0] !== undefined
      ? [{ Key: name.slice(`${ATTRIBUTES}PrincipalTag:`.length), Value: values[0] }]
      : [],
  )
  return {
    issuer,
    nameId: nameIdMatch?.text,
    nameIdFormat: format?.replace(
      /^urn:oasis:names:tc:SAML:2\.0:nameid-format:(persistent|transient)$/,
      '$1',
    ),
    recipient: attribute(confirmation, 'Recipient'),
    audiences: all(xml, 'Audience'),
    roles,
    sessionName: attributes.get(`${ATTRIBUTES}RoleSessionName`)?.[0],
    sessionDuration: duration === undefined ? undefined : Number(duration),
    notBefore: notBefore === undefined ? undefined : new Date(notBefore),
    notOnOrAfter: notOnOrAfter === undefined ? undefined : new Date(notOnOrAfter),
    tags,
    transitiveKeys: attributes.get(`${ATTRIBUTES}TransitiveTagKeys`) ?? [],
    sourceIdentity: attributes.get(`${ATTRIBUTES}SourceIdentity`)?.[0],
  }
}

/** Every `<Attribute Name="…">` with its `AttributeValue`s. */
function samlAttributes(xml: string): Map<string, string[]> {
  const map = new Map<string, string[]>()
  const pattern = /<(?:[\w.-]+:)?Attribute\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:[\w.-]+:)?Attribute>)/g
  for (const match of xml.matchAll(pattern)) {
    const name = attribute(match[1]!, 'Name')
    if (name === undefined) continue
    map.set(name, [...(map.get(name) ?? []), ...all(match[2] ?? '', 'AttributeValue')])
  }
  return map
}

function element(xml: string, name: string): { attributes: string; text: string } | undefined {
  const match = new RegExp(
    `<(?:[\\w.-]+:)?${name}\\b([^>]*)>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`,
  ).exec(xml)
  return match ? { attributes: match[1]!, text: unescape(match[2]!.trim()) } : undefined
}

function text(xml: string, name: string): string | undefined {
  return element(xml, name)?.text
}

function all(xml: string, name: string): string[] {
  const pattern = new RegExp(
    `<(?:[\\w.-]+:)?${name}\\b[^>]*>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`,
    'g',
  )
  return [...xml.matchAll(pattern)].map((match) => unescape(match[1]!.trim()))
}

function unescape(value: string): string {
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
}

/**
 * The `NameQualifier` AWS answers: base64 of the SHA-1 of the issuer, the account id and
 * `/<provider name>`, as the STS API reference documents it.
 */
export async function nameQualifier(
  issuer: string,
  accountId: string,
  providerName: string,
): Promise<string> {
  const data = new TextEncoder().encode(`${issuer}${accountId}/${providerName}`)
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', data))
  return btoa(String.fromCharCode(...digest))
}
