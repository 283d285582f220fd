import type { IamSdkTypes, StsSdkTypes } from '../model/generated/sdk-types.js'
import type { IamStore } from '../store/store.js'
import type { ActionContext } from './context.js'

type Leaf = string | number | boolean | bigint | Date | Uint8Array | null | undefined

/** The keys of `T` that the SDK declares required (`Name: T | undefined`, not `Name?:`). */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T]

/**
 * An SDK input type as the actions receive it, once the model's constraints are checked: the
 * members the model requires are present (the SDK types them `T | undefined`), at any depth.
 */
export type Validated<T> = T extends Leaf
  ? T
  : T extends readonly (infer U)[]
    ? Validated<U>[]
    : T extends object
      ? { [K in RequiredKeys<T>]-?: Validated<Exclude<T[K], undefined>> } & {
          [K in Exclude<keyof T, RequiredKeys<T>>]?: Validated<Exclude<T[K], undefined>>
        }
      : T

/** What an action returns: the SDK's command output without `$metadata`, or nothing. */
type Result<O> = [O] extends [void] ? void : Omit<O, '$metadata'>

/** An IAM action: validated input in, output shape out; throws IamError. Knows no HTTP or XML. */
export type IamAction<Op extends keyof IamSdkTypes> = (
  ctx: ActionContext,
  input: Validated<IamSdkTypes[Op][0]>,
) => Result<IamSdkTypes[Op][1]>

export type StsAction<Op extends keyof StsSdkTypes> = (
  ctx: ActionContext,
  input: Validated<StsSdkTypes[Op][0]>,
) => Result<StsSdkTypes[Op][1]>

/** Every IAM action an implementation may provide, typed from the SDK's own command types. */
export type IamActions = { readonly [Op in keyof IamSdkTypes]?: IamAction<Op> }
export type StsActions = { readonly [Op in keyof StsSdkTypes]?: StsAction<Op> }

/**
 * What the README's "Supported actions" table says of an implemented operation (generated from
 * these by `npm run generate:readme`).
 */
export type ActionNotes<Actions> = { readonly [Op in keyof Actions]: string }

/** What the pipeline calls: an action of either service, its types erased. */
export type AnyAction = (ctx: ActionContext, input: Record<string, unknown>) => unknown

/**
 * The asynchronous half of an action (WebCrypto: a token's signature), run before the pipeline
 * decides the caller and calls the action, which gets its result as `ctx.prepared`. It reads the
 * store as it is then; the action, synchronous, re-checks what it relies on.
 */
/**
 * The asynchronous end of an action (WebCrypto: a token's signature), run on what the action
 * returned, once its changes to the store are made; it turns that into the output.
 */
export type Completion = (store: IamStore, output: unknown) => Promise<unknown>

export type Preparation = (
  store: IamStore,
  input: Record<string, unknown>,
  now: Date,
) => Promise<unknown>
