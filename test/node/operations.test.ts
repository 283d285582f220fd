import * as iamSdk from '@aws-sdk/client-iam'
import * as stsSdk from '@aws-sdk/client-sts'
import { describe, expect, it } from 'vitest'
import { iamActions, stsActions } from '../../src/actions/index.js'
import { iamModel, stsModel } from '../../src/model/load.js'
import type { Operation, StringShape } from '../../src/model/shapes.js'
import { ROOT_KEY, useIam } from '../helpers.js'
import { operationsOf, requiredInput, validString } from '../model-values.js'

/**
 * Every operation of IAM's and STS's models, through the real SDK clients: the test is generated
 * from the model, so a new operation is covered the day the model has it.
 */

useIam()

// Default retries (three attempts): NotImplemented must surface at once all the same.
const iam = new iamSdk.IAMClient({ region: 'us-east-1', credentials: ROOT_KEY })
const sts = new stsSdk.STSClient({ region: 'us-east-1', credentials: ROOT_KEY })

interface Service {
  readonly name: 'IAM' | 'STS'
  readonly operations: readonly Operation[]
  readonly implemented: object
  send(operation: string, input: Record<string, unknown>): Promise<unknown>
  /** Whether validation messages quote the value (STS's do). */
  readonly quotes: boolean
}

const send =
  (client: { send(command: never): Promise<unknown> }, sdk: object) =>
  (operation: string, input: Record<string, unknown>) => {
    const Command = (sdk as Record<string, new (input: object) => never>)[`${operation}Command`]
    if (!Command) throw new Error(`the SDK has no ${operation}Command`)
    return client.send(new Command(input))
  }

const services: Service[] = [
  {
    name: 'IAM',
    operations: operationsOf(iamModel()),
    implemented: iamActions,
    send: send(iam, iamSdk),
    quotes: false,
  },
  {
    name: 'STS',
    operations: operationsOf(stsModel()),
    implemented: stsActions,
    send: send(sts, stsSdk),
    quotes: true,
  },
]

interface Failure {
  name: string
  message: string
  $fault: string
  $metadata: { httpStatusCode?: number; attempts?: number }
}

async function outcome(promise: Promise<unknown>): Promise<Failure | undefined> {
  try {
    await promise
    return undefined
  } catch (error) {
    return error as Failure
  }
}

for (const service of services) {
  describe(`every ${service.name} operation`, () => {
    const todo = service.operations.filter((op) => !Object.hasOwn(service.implemented, op.name))
    const done = service.operations.filter((op) => Object.hasOwn(service.implemented, op.name))

    it.each(todo.map((op) => [op.name, op] as const))(
      '%s, not implemented yet, reads and validates its input, then answers NotImplemented (501) at once',
      async (name, op) => {
        const error = await outcome(service.send(name, requiredInput(op.input)))
        expect(error?.name).toBe('NotImplemented')
        expect(error?.message).toBe(
          `msw-iam does not implement the ${service.name} action ${name} yet.`,
        )
        expect(error?.$fault).toBe('server')
        expect(error?.$metadata.httpStatusCode).toBe(501)
        expect(error?.$metadata.attempts).toBe(1)
      },
    )

    it.each(done.map((op) => [op.name, op] as const))(
      '%s, implemented, answers a valid request without a validation or server error',
      async (name, op) => {
        const error = await outcome(service.send(name, requiredInput(op.input)))
        if (error) {
          expect(error.$fault).toBe('client')
          expect(error.name).not.toBe('ValidationError')
        }
      },
    )

    const withRequired = service.operations.filter((op) => op.input.members.some((m) => m.required))
    it.each(withRequired.map((op) => [op.name, op] as const))(
      '%s refuses a request without its required members, naming each once',
      async (name, op) => {
        const error = await outcome(service.send(name, {}))
        const required = op.input.members.filter((member) => member.required)
        expect(error?.name).toBe('ValidationError')
        const n = required.length
        expect(
          error?.message.startsWith(`${n} validation error${n === 1 ? '' : 's'} detected: `),
        ).toBe(true)
        const value = service.quotes ? 'Value null at' : 'Value at'
        for (const member of required) {
          const problem = `${value} '${member.path}' failed to satisfy constraint: Member must not be null`
          expect(error?.message.split(problem)).toHaveLength(2)
        }
        expect(error?.message.split('; ')).toHaveLength(n)
      },
    )

    const withLimit = service.operations.flatMap((op) => {
      const member = op.input.members.find(
        (m) => m.shape.kind === 'string' && m.shape.max !== undefined && !m.shape.enum,
      )
      return member ? [[op.name, op, member.name] as const] : []
    })
    it.each(withLimit)(
      '%s refuses a value longer than its model allows, in AWS’s words',
      async (name, op, memberName) => {
        const member = op.input.member(memberName)!
        const shape = member.shape as StringShape
        const valid = validString(shape)
        const tooLong = valid.padEnd(shape.max! + 1, valid.at(-1))
        const error = await outcome(
          service.send(name, { ...requiredInput(op.input), [member.name]: tooLong }),
        )
        const value = service.quotes ? `Value '${tooLong}' at` : 'Value at'
        expect(error?.name).toBe('ValidationError')
        expect(error?.message).toBe(
          `1 validation error detected: ${value} '${member.path}' failed to satisfy constraint: Member must have length less than or equal to ${shape.max}`,
        )
      },
    )
  })
}
