/**
 * A test SAML identity provider: its metadata (as the recordings describe it: one
 * IDPSSODescriptor with a signing certificate for CN test-idp.example.com, three NameIDFormats,
 * Redirect and POST bindings, on one line) and assertions for AssumeRoleWithSAML.
 */

/** A self-signed RSA-2048 certificate for CN test-idp.example.com, made for these tests. */
export const IDP_CERTIFICATE =
  'MIIDHzCCAgegAwIBAgIUcITVgEI6M3TWDKlg/kV/DwC863MwDQYJKoZIhvcNAQELBQAwHzEdMBsGA1UEAwwUdGVzdC1pZHAuZXhhbXBsZS5jb20wHhcNMjYxMjA0MTg0MDAxWhcNMzYxMjAxMTg0MDAxWjAfMR0wGwYDVQQDDBR0ZXN0LWlkcC5leGFtcGxlLmNvbTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAK0eBNJSz2vavnf53AAXN3uPMZW/czBbJFyosc5NiH/dYXSSQxiMMCc7wNz/qVL2y4u1VIzWxv3jdY5BbFTCIZQWpT/3gE3E+DnHTiGiYsSB2zRjRkN1JOPDJ9+jTAdjYImkc52RdDQhlJrCUqEP9zw1W4QcmV7WexFkXHCeXZAi6qSRExh/jevTerkOW25qvFQSuodCFmjJl7mBVfEQAup6SyIPhqO1bQwcl+80kAw6SpuHSS2DA0RITU1PbHb4c8+/uZrHCNk59dNXKzU1MvWpu5CcgYfQNLWqBnDKmXXk7oUYpiovFBzG3QY/IJ9oA9v+7Nj14QjNSZTDoVBcIP0CAwEAAaNTMFEwHQYDVR0OBBYEFBx04zuR7PecdRVuEzSoQ/IqbPpFMB8GA1UdIwQYMBaAFBx04zuR7PecdRVuEzSoQ/IqbPpFMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAJLFn/duD5MT5uRbLRdEnQWTRIIwsSH65eDyOnXnI4V/OgbfIqK1OLhPqzEJPO/kHKGvhB6yqqsKWQ3sNagIUPKgdWlvezJVClJJq2155qofh7AK3Qtojin12dnoy/kt+giRDgAsWapWK+nr5nzLkXayh/nC3bdkDqRRD/oSGS+t+Rw+tB2M74Sk7fCnxW+ta3l9++km5oxNAV4yjhJa1IK+R2LecoY52Y+EW5d3TGcai+SYkJGB1vVaNrVTgy1Z77N+HJWu9SUOMmBHn2huBs6Yt4JzQr8kb1QqYyUJSwg2tmp0gxLj8qo2KogxCCKBC41y4Phn0M8lmY9ch7VZc4o='

/** The IdP's metadata document for `entityId` (one line, as the recording sent it). */
export function samlMetadata(
  entityId = 'https://test-idp.example.com/saml',
  options: { validUntil?: string } = {},
): string {
  const host = new URL(entityId).host
  const until = options.validUntil === undefined ? '' : ` validUntil="${options.validUntil}"`
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}"${until}>`,
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">`,
    `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${IDP_CERTIFICATE}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>`,
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>`,
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>`,
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://${host}/sso"/>`,
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://${host}/sso"/>`,
    `</md:IDPSSODescriptor>`,
    `</md:EntityDescriptor>`,
  ].join('')
}
