import type { Entity } from './entity.js'
import { date } from './fields.js'
import type { IamStore, StoreContext } from './store.js'
import { Table } from './table.js'
import { ROOT_ID, ROOT_OWNER, type Owner } from './users.js'

/** The account root user. */
export interface RootRecord {
  readonly CreateDate: Date
}

/** The account itself: its root user (and, as families grow, its account-wide settings). */
export class Account {
  readonly table: Table<RootRecord & { readonly id: typeof ROOT_ID }>

  constructor(ctx: StoreContext) {
    this.table = new Table(ctx.log, {
      name: 'account',
      id: (root) => root.id,
      order: { by: 'insertion' },
    })
  }

  get root(): RootRecord {
    return this.table.get(ROOT_ID) ?? { CreateDate: new Date(0) }
  }

  /** Sets the root user's creation date (a fixture's `Root.CreateDate`). */
  setRoot(root: RootRecord): void {
    if (this.table.has(ROOT_ID)) this.table.update(ROOT_ID, { CreateDate: root.CreateDate })
    else this.table.insert({ id: ROOT_ID, CreateDate: root.CreateDate })
  }
}

/** The root user as its keys' owner, with its own fields. */
type RootOwner = Owner & RootRecord

/** The root user in fixtures: `Root: { CreateDate, AccessKeys }`. */
export const rootEntity: Entity<RootOwner, undefined, IamStore> = {
  fields: { CreateDate: date() },
  create: (values, _parent, store) => {
    store.account.setRoot(values as unknown as RootRecord)
    return { ...ROOT_OWNER, ...store.account.root }
  },
  records: (store) => [{ ...ROOT_OWNER, ...store.account.root }],
}
