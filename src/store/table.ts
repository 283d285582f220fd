import { SortedKeys } from './sorted-keys.js'

/** What a table does to take part in a store's change log. */
export interface Tracked {
  /** Puts every record the epoch changed back as it was at `mark()`. */
  restoreMarked(): void
  /** Forgets what the epoch changed (the current state becomes the epoch's start). */
  clearMarked(): void
  /** How many records the epoch changed. */
  readonly markedCount: number
  /** Empties the table (recorded). */
  clear(): void
  /** Runs `change` with the table's sorted indexes rebuilt once at the end. */
  bulk(change: () => void): void
  /** The table's name (`users`, `attachments`…). */
  readonly name: string
  /** A count of the changes the table has seen, of any kind: equal counts, equal contents. */
  readonly version: number
}

/**
 * The change log of a store, so that `reset()` puts back exactly what changed since the fixture
 * was loaded — O(changes), however large the fixture — and a failed multi-step change is undone.
 *
 * Each table remembers, for every record the epoch touched, what it was at `mark()` (or that it
 * did not exist): the first change saves it, later ones save nothing, and deleting a record the
 * epoch created forgets it. So the log holds what differs from the fixture, not every change: a
 * server that creates and deletes keys for hours keeps it empty.
 */
export class ChangeLog {
  /** Every table of the store, in the order they were made. */
  readonly tables: Tracked[] = []
  private recording = false
  /** The undo steps of the transactions under way, innermost last. */
  private undo: Array<() => void> | undefined

  register(table: Tracked): void {
    this.tables.push(table)
  }

  /** Whether tables must remember what the epoch changes (false while a fixture is seeded). */
  get marking(): boolean {
    return this.recording
  }

  /** Starts a new epoch: what is in the tables now is what `rollback()` returns to. */
  mark(): void {
    for (const table of this.tables) table.clearMarked()
    this.recording = true
  }

  /** Puts back every record changed since `mark()`, and starts a new epoch. */
  rollback(): void {
    for (const table of this.tables) table.restoreMarked()
    this.mark()
  }

  /** How many records differ from the epoch's start (a bound on what `rollback()` costs). */
  get size(): number {
    let size = 0
    for (const table of this.tables) size += table.markedCount
    return size
  }

  /** Whether a transaction is under way (and changes must say how to undo them). */
  get inTransaction(): boolean {
    return this.undo !== undefined
  }

  /** Remembers how to undo one change, while a transaction is under way. */
  step(undo: () => void): void {
    this.undo?.push(undo)
  }

  /**
   * Runs `change` as one: if it throws, every change it made is undone (newest first) before the
   * error goes on, so a failed action or fixture load leaves nothing half-written.
   */
  transaction<T>(change: () => T): T {
    const outer = this.undo
    const undo: Array<() => void> = []
    this.undo = undo
    try {
      const result = change()
      outer?.push(...undo)
      return result
    } catch (error) {
      this.undo = undefined
      for (let i = undo.length - 1; i >= 0; i--) undo[i]!()
      throw error
    } finally {
      this.undo = outer
    }
  }

  /** Changes made while `apply` runs are not remembered by the epoch (seeding a fixture). */
  unrecorded<T>(apply: () => T): T {
    const was = this.recording
    this.recording = false
    try {
      return apply()
    } finally {
      this.recording = was
    }
  }
}

/** How a table identifies, indexes and orders its records. */
export interface TableSpec<R> {
  readonly name: string
  /** The primary key. */
  readonly id: (record: R) => string
  /**
   * The key that must be unique across the table (a name under the dialect's case rule, scoped
   * to its parent where names are unique per parent); none when only ids are.
   */
  readonly unique?: (record: R) => string
  /** The parent a record belongs to (a key's owner, a policy's user); `''` for top-level ones. */
  readonly group?: (record: R) => string
  /**
   * The order records are listed and paged in within a group: by a sort key (names; unique
   * within the group), or in insertion order (a user's access keys, oldest first).
   */
  readonly order:
    { readonly by: 'key'; readonly key: (record: R) => string } | { readonly by: 'insertion' }
  /**
   * Other keys records are looked up by, in insertion order (a group's members by group and by
   * user; a policy's attachments by policy and by entity). A record whose key is `undefined`
   * is not in that index (a user without a permissions boundary).
   */
  readonly indexes?: Readonly<Record<string, (record: R) => string | undefined>>
}

interface Entry<R> {
  readonly record: R
  /** Insertion order, kept across updates and restored by an undo. */
  readonly seq: number
}

/** The sorted keys of one group, and the record each stands for. */
interface SortedGroup {
  readonly keys: SortedKeys
  readonly ids: Map<string, string>
}

export interface Page<R> {
  readonly items: R[]
  /** The cursor of the next page's first item; absent on the last page. */
  readonly next?: string
}

/**
 * One table of plain records: unique keys, parent groups, ordered paging with cursors. Records
 * are immutable values (`update` stores a new one) linked by id, never by reference, so the undo
 * log can put an old value back and a snapshot is a copy. Every change is recorded in the log.
 *
 * It knows nothing of IAM's rules: a family module (`users.ts`, `access-keys.ts`…) checks its
 * invariants, then asks the table. A broken table invariant (a duplicate id or key) is a bug,
 * thrown as a TypeError.
 */
export class Table<R extends object> implements Tracked {
  readonly name: string
  version = 0
  /** What each record the epoch changed was at its start (null: it did not exist). */
  private readonly marked = new Map<string, Entry<R> | null>()
  private readonly entries = new Map<string, Entry<R>>()
  private readonly keys = new Map<string, string>()
  private readonly inserted = new Map<string, string[]>()
  private readonly sorted = new Map<string, SortedGroup>()
  private seq = 0
  private deferSort = false
  /** The secondary indexes: index name → key → ids. */
  private readonly indexed = new Map<string, Map<string, Set<string>>>()
  /** Groups whose sorted keys are behind their records (changed during `bulk`). */
  private readonly unsorted = new Set<string>()

  constructor(
    private readonly log: ChangeLog,
    private readonly spec: TableSpec<R>,
  ) {
    this.name = spec.name
    log.register(this)
  }

  get size(): number {
    return this.entries.size
  }

  get(id: string): R | undefined {
    return this.entries.get(id)?.record
  }

  has(id: string): boolean {
    return this.entries.has(id)
  }

  /** The record whose unique key is `key`. */
  find(key: string): R | undefined {
    const id = this.keys.get(key)
    return id === undefined ? undefined : this.entries.get(id)!.record
  }

  insert(record: R): R {
    const id = this.spec.id(record)
    if (this.entries.has(id)) throw new TypeError(`msw-iam: ${this.name}: duplicate id ${id}`)
    const key = this.spec.unique?.(record)
    if (key !== undefined && this.keys.has(key)) {
      throw new TypeError(`msw-iam: ${this.name}: duplicate key ${key}`)
    }
    this.put({ record, seq: this.seq++ })
    this.changed(id, undefined)
    return record
  }

  /** Stores a changed copy of a record. @throws TypeError for an id the table does not hold */
  update(id: string, change: Partial<R>): R {
    const before = this.entries.get(id)
    if (!before) throw new TypeError(`msw-iam: ${this.name}: no record ${id}`)
    const record = { ...before.record, ...change }
    const key = this.spec.unique?.(record)
    const holder = key === undefined ? undefined : this.keys.get(key)
    if (holder !== undefined && holder !== id) {
      throw new TypeError(`msw-iam: ${this.name}: duplicate key ${key}`)
    }
    this.replace(before, { record, seq: before.seq })
    this.changed(id, before)
    return record
  }

  /** Remembers a change: its undo for a transaction, and the record's first state for the epoch. */
  private changed(id: string, before: Entry<R> | undefined): void {
    if (this.log.inTransaction) this.log.step(() => this.restore(id, before ?? null))
    if (this.log.marking && !this.marked.has(id)) this.marked.set(id, before ?? null)
  }

  /** Puts a record back as `entry` says it was (null: absent), whatever it is now. */
  private restore(id: string, entry: Entry<R> | null): void {
    const current = this.entries.get(id)
    if (entry === null) this.remove(id)
    else if (current) this.replace(current, entry)
    else this.put(entry)
  }

  restoreMarked(): void {
    for (const [id, entry] of this.marked) this.restore(id, entry)
  }

  clearMarked(): void {
    this.marked.clear()
  }

  get markedCount(): number {
    return this.marked.size
  }

  /**
   * Puts `after` where `before` stood. When neither its key nor its place changed (a status, a
   * tag), only the record is swapped: no index is touched.
   */
  private replace(before: Entry<R>, after: Entry<R>): void {
    this.version++
    const { spec } = this
    const order = spec.order
    const same =
      spec.unique?.(before.record) === spec.unique?.(after.record) &&
      spec.group?.(before.record) === spec.group?.(after.record) &&
      (order.by === 'insertion' || order.key(before.record) === order.key(after.record)) &&
      Object.values(spec.indexes ?? {}).every(
        (keyOf) => keyOf(before.record) === keyOf(after.record),
      )
    const id = spec.id(after.record)
    if (same) {
      this.entries.set(id, after)
      return
    }
    this.remove(id)
    this.put(after)
  }

  delete(id: string): R {
    const before = this.entries.get(id)
    if (!before) throw new TypeError(`msw-iam: ${this.name}: no record ${id}`)
    this.remove(id)
    this.changed(id, before)
    // A record the epoch created and now deleted is as it was at the epoch's start: absent.
    if (this.marked.get(id) === null) this.marked.delete(id)
    return before.record
  }

  /** The records of a group, in the table's order. */
  ofGroup(group = ''): R[] {
    if (this.spec.order.by === 'insertion') {
      return (this.inserted.get(group) ?? []).map((id) => this.entries.get(id)!.record)
    }
    const sorted = this.sortedGroup(group)
    if (!sorted) return []
    const out: R[] = []
    for (const key of sorted.keys.from()) out.push(this.entries.get(sorted.ids.get(key)!)!.record)
    return out
  }

  /** The records whose `index` key is `key`, in insertion order. */
  byIndex(index: string, key: string): R[] {
    const ids = this.indexed.get(index)?.get(key)
    if (!ids) return []
    const entries = [...ids].map((id) => this.entries.get(id)!)
    return entries.sort((a, b) => a.seq - b.seq).map((entry) => entry.record)
  }

  /** How many records have `key` in `index`. */
  countByIndex(index: string, key: string): number {
    return this.indexed.get(index)?.get(key)?.size ?? 0
  }

  /** How many records a group holds. */
  countOf(group = ''): number {
    return this.spec.order.by === 'insertion'
      ? (this.inserted.get(group)?.length ?? 0)
      : (this.sorted.get(group)?.ids.size ?? 0)
  }

  /** Every record, group by group. */
  all(): R[] {
    return [...this.entries.values()].sort((a, b) => a.seq - b.seq).map((entry) => entry.record)
  }

  /**
   * One page of a group's records that pass `filter`, from the item `cursor` names (as a
   * previous page's `next` gave it; for key order, the first item at or after that key).
   * @returns undefined when the cursor names no item of an insertion-ordered group.
   */
  page(
    group: string,
    cursor: string | undefined,
    limit: number,
    filter?: (record: R) => boolean,
  ): Page<R> | undefined {
    const items: R[] = []
    if (this.spec.order.by === 'insertion') {
      const ids = this.inserted.get(group) ?? []
      let start = 0
      if (cursor !== undefined) {
        start = ids.indexOf(cursor)
        if (start < 0) return undefined
      }
      for (let i = start; i < ids.length; i++) {
        const record = this.entries.get(ids[i]!)!.record
        if (filter && !filter(record)) continue
        if (items.length === limit) return { items, next: ids[i]! }
        items.push(record)
      }
      return { items }
    }
    const sorted = this.sortedGroup(group)
    if (!sorted) return { items }
    for (const key of sorted.keys.from(cursor)) {
      const record = this.entries.get(sorted.ids.get(key)!)!.record
      if (filter && !filter(record)) continue
      if (items.length === limit) return { items, next: key }
      items.push(record)
    }
    return { items }
  }

  /** Empties the table (recorded: a rollback brings every record back). */
  clear(): void {
    for (const id of [...this.entries.keys()]) this.delete(id)
  }

  /**
   * Runs `load` with the sorted indexes rebuilt once at the end: seeding 100k records stays
   * O(n log n) instead of one array insertion per record.
   */
  bulk(load: () => void): void {
    this.deferSort = true
    try {
      load()
    } finally {
      this.deferSort = false
      this.rebuildSorted()
    }
  }

  private put(entry: Entry<R>): void {
    this.version++
    const { record } = entry
    const id = this.spec.id(record)
    this.entries.set(id, entry)
    const key = this.spec.unique?.(record)
    if (key !== undefined) this.keys.set(key, id)
    for (const [name, keyOf] of Object.entries(this.spec.indexes ?? {})) {
      let index = this.indexed.get(name)
      if (!index) this.indexed.set(name, (index = new Map()))
      const value = keyOf(record)
      if (value === undefined) continue
      let ids = index.get(value)
      if (!ids) index.set(value, (ids = new Set()))
      ids.add(id)
    }
    const group = this.spec.group?.(record) ?? ''
    const order = this.spec.order
    if (order.by === 'insertion') {
      let ids = this.inserted.get(group)
      if (!ids) this.inserted.set(group, (ids = []))
      // An undo puts a record back where it stood: before every later insertion.
      let at = ids.length
      while (at > 0 && this.entries.get(ids[at - 1]!)!.seq > entry.seq) at--
      if (at === ids.length) ids.push(id)
      else ids.splice(at, 0, id)
      return
    }
    let sorted = this.sorted.get(group)
    if (!sorted) this.sorted.set(group, (sorted = { keys: new SortedKeys(), ids: new Map() }))
    const sortKey = order.key(record)
    sorted.ids.set(sortKey, id)
    if (this.deferSort) this.unsorted.add(group)
    else sorted.keys.insert(sortKey)
  }

  private remove(id: string): void {
    const entry = this.entries.get(id)
    if (!entry) return
    this.version++
    const { record } = entry
    this.entries.delete(id)
    const key = this.spec.unique?.(record)
    if (key !== undefined && this.keys.get(key) === id) this.keys.delete(key)
    for (const [name, keyOf] of Object.entries(this.spec.indexes ?? {})) {
      const index = this.indexed.get(name)
      const value = keyOf(record)
      if (value === undefined) continue
      const ids = index?.get(value)
      ids?.delete(id)
      if (ids?.size === 0) index!.delete(value)
    }
    const group = this.spec.group?.(record) ?? ''
    const order = this.spec.order
    if (order.by === 'insertion') {
      const ids = this.inserted.get(group)
      if (!ids) return
      ids.splice(ids.indexOf(id), 1)
      if (ids.length === 0) this.inserted.delete(group)
      return
    }
    const sorted = this.sorted.get(group)
    if (!sorted) return
    const sortKey = order.key(record)
    if (sorted.ids.get(sortKey) === id) {
      sorted.ids.delete(sortKey)
      if (this.deferSort) this.unsorted.add(group)
      else sorted.keys.remove(sortKey)
    }
    if (sorted.ids.size === 0) {
      this.sorted.delete(group)
      this.unsorted.delete(group)
    }
  }

  /** A group's sorted index, brought up to date first if a bulk change left it behind. */
  private sortedGroup(group: string): SortedGroup | undefined {
    const sorted = this.sorted.get(group)
    if (sorted && this.unsorted.delete(group)) sorted.keys.reset(sorted.ids.keys())
    return sorted
  }

  private rebuildSorted(): void {
    for (const group of [...this.unsorted]) this.sortedGroup(group)
  }
}

/** A table of records identified, and listed, by one key (a property's name, a template's ARN). */
export function keyedTable<R extends object>(
  log: ChangeLog,
  name: string,
  key: (record: R) => string,
): Table<R> {
  return new Table(log, { name, id: key, order: { by: 'key', key } })
}
