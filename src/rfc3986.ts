/**
 * Percent-encoding per RFC 3986: `encodeURIComponent`, plus the sub-delimiters it leaves alone
 * (`!'()*`). IAM returns policy documents this way, and SigV4 canonicalises query strings so.
 */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}
