/**
 * Where each statement of a policy document starts and ends, as the policy simulator reports it
 * (`MatchedStatements[].StartPosition` / `EndPosition`): the line (from 1) and the column of the
 * statement's `{` and `}`. AWS's columns are one more than the character's 1-based place on its
 * line (recorded: a statement whose braces are the 40th and 112th characters is reported at
 * columns 41 and 113).
 */

export interface Position {
  readonly Line: number
  readonly Column: number
}

export interface StatementSpan {
  readonly StartPosition: Position
  readonly EndPosition: Position
}

/**
 * The span of each statement, in document order (one for a `Statement` that is a single object).
 * The document must be JSON (policies are checked when stored or given); an unexpected text gives
 * no spans.
 */
export function statementSpans(document: string): StatementSpan[] {
  const scanner = new Scanner(document)
  try {
    return scanner.topLevelStatements().map(([start, end]) => ({
      StartPosition: scanner.position(start),
      EndPosition: scanner.position(end),
    }))
  } catch {
    return []
  }
}

/** A minimal JSON reader that keeps offsets: enough to find the statements' braces. */
class Scanner {
  private at = 0
  private lineStarts: number[] | undefined

  constructor(private readonly text: string) {}

  /** `[offset of {, offset of }]` of each statement. */
  topLevelStatements(): [number, number][] {
    this.space()
    this.expect('{')
    const spans: [number, number][] = []
    this.members((key) => {
      if (key !== 'Statement') return this.value()
      this.space()
      if (this.text[this.at] === '[') {
        this.at++
        this.items(() => {
          this.space()
          if (this.text[this.at] === '{') spans.push(this.object())
          else this.value()
        })
      } else if (this.text[this.at] === '{') {
        spans.push(this.object())
      } else {
        this.value()
      }
    })
    return spans
  }

  /** Line and AWS's column of an offset. */
  position(offset: number): Position {
    if (!this.lineStarts) {
      this.lineStarts = [0]
      for (let i = 0; i < this.text.length; i++) {
        if (this.text[i] === '\n') this.lineStarts.push(i + 1)
      }
    }
    let line = 0
    while (line + 1 < this.lineStarts.length && this.lineStarts[line + 1]! <= offset) line++
    return { Line: line + 1, Column: offset - this.lineStarts[line]! + 2 }
  }

  private object(): [number, number] {
    const start = this.at
    this.expect('{')
    this.members(() => this.value())
    return [start, this.at - 1]
  }

  /** The members of an object whose `{` was read, through its `}`. */
  private members(onValue: (key: string) => void): void {
    this.sequence('}', () => {
      this.space()
      const key = this.string()
      this.space()
      this.expect(':')
      onValue(key)
    })
  }

  /** The items of an array whose `[` was read, through its `]`. */
  private items(onItem: () => void): void {
    this.sequence(']', onItem)
  }

  /** Comma-separated entries through `close`. */
  private sequence(close: string, onEntry: () => void): void {
    this.space()
    if (this.text[this.at] === close) {
      this.at++
      return
    }
    for (;;) {
      onEntry()
      this.space()
      if (this.text[this.at] !== ',') break
      this.at++
    }
    this.expect(close)
  }

  private value(): void {
    this.space()
    const ch = this.text[this.at]
    if (ch === '{') this.object()
    else if (ch === '[') {
      this.at++
      this.items(() => this.value())
    } else if (ch === '"') this.string()
    else {
      const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
        this.text.slice(this.at, this.at + 64),
      )
      if (!literal) throw new SyntaxError(`unexpected ${ch}`)
      this.at += literal[0].length
    }
  }

  private string(): string {
    this.expect('"')
    let out = ''
    while (this.at < this.text.length && this.text[this.at] !== '"') {
      if (this.text[this.at] === '\\') {
        out += this.text.slice(this.at, this.at + 2)
        this.at += 2
      } else {
        out += this.text[this.at++]
      }
    }
    this.expect('"')
    return out
  }

  private space(): void {
    while (/\s/.test(this.text[this.at] ?? '')) this.at++
  }

  private expect(ch: string): void {
    if (this.text[this.at] !== ch) throw new SyntaxError(`expected ${ch}`)
    this.at++
  }
}
