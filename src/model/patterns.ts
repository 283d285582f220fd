/**
 * AWS's model patterns are Java regular expressions, matched against the whole value
 * (`Pattern.matches`). JavaScript's `u` mode reads them the same way — `\uXXXX` takes exactly four
 * hex digits (so the model's `\u10000-\u10FFFF` is `\u1000`, `0-\u10FF`, `F`, `F`, in both),
 * `\p{L}` is a Unicode category, `\w` and `\d` are ASCII, and a class matches code points — except
 * that `u` mode refuses identity escapes of characters that are not syntax characters, which
 * Java allows (`[\w+=,.@\:-]`). Those are unescaped.
 */
const SYNTAX = new Set('^$\\.*+?()[]{}|/-'.split(''))

/** The model's Java pattern as JavaScript regular-expression source (for the `u` flag). */
export function javaPatternSource(pattern: string): string {
  let out = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!
    if (ch !== '\\' || i + 1 >= pattern.length) {
      out += ch
      continue
    }
    const next = pattern[i + 1]!
    i++
    // Letters and digits start escapes (\w, \d, \p{…}, \uXXXX); syntax characters stay escaped.
    if (/[A-Za-z0-9]/.test(next) || SYNTAX.has(next)) out += `\\${next}`
    else out += next
  }
  return out
}

const compiled = new Map<string, RegExp>()

/** A RegExp that tests whether a whole value matches the model's pattern. */
export function patternRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern)
  if (!re) {
    re = new RegExp(`^(?:${javaPatternSource(pattern)})$`, 'u')
    compiled.set(pattern, re)
  }
  return re
}
