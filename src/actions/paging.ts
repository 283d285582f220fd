import { IamError } from '../errors.js'

export const DEFAULT_MAX_ITEMS = 100

/** The paging members of a List* response: IsTruncated always, Marker only when truncated. */
export function pageMembers(marker: string | undefined): { IsTruncated: boolean; Marker?: string } {
  return marker === undefined ? { IsTruncated: false } : { IsTruncated: true, Marker: marker }
}

/**
 * An opaque Marker for a cursor (the sort key of the next item). IAM's markers are opaque
 * base64; clients only echo them back.
 */
export function encodeMarker(cursor: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(cursor)) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** The cursor inside a Marker this mock issued. @throws ValidationError `Invalid Marker.` */
export function decodeMarker(marker: string): string {
  try {
    const binary = atob(marker)
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
    const cursor = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    if (cursor.length > 0 && encodeMarker(cursor) === marker) return cursor
  } catch {
    // not base64 or not UTF-8: fall through
  }
  throw IamError.invalidMarker()
}

/**
 * One page of a short list (a user's keys or tags) whose items have unique ids: the Marker
 * names the first item of the next page.
 */
export function pageOf<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  marker: string | undefined,
  maxItems: number,
): { items: T[]; marker?: string } {
  let start = 0
  if (marker !== undefined) {
    const cursor = decodeMarker(marker)
    start = items.findIndex((item) => idOf(item) === cursor)
    if (start < 0) throw IamError.invalidMarker()
  }
  const page = items.slice(start, start + maxItems)
  const next = items[start + maxItems]
  return next === undefined ? { items: page } : { items: page, marker: encodeMarker(idOf(next)) }
}
