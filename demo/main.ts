import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
  type AccessKey,
  type AccessKeyMetadata,
  type User,
} from '@aws-sdk/client-iam'
import { setupIamWorker, type IamFixture } from 'msw-iam/browser'

/**
 * A small IAM admin console running against msw-iam in the browser: the real SDK calls
 * https://iam.amazonaws.com and msw's service worker hands each request to the mock in this page.
 */

const STORAGE_KEY = 'msw-iam-demo:snapshot'
const ROOT_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}

const { iam, worker } = setupIamWorker()
// @note Both names: msw 3 renamed onUnhandledRequest to onUnhandledFrame. The page's own files
// pass through the worker too; only IAM is mocked.
await worker.start({
  onUnhandledRequest: 'bypass',
  onUnhandledFrame: 'bypass',
} as Parameters<typeof worker.start>[0])

// The state lives in this page's mock; sessionStorage carries it across reloads of the tab.
const saved = sessionStorage.getItem(STORAGE_KEY)
if (saved) {
  try {
    iam.restore(JSON.parse(saved) as IamFixture)
  } catch {
    // A snapshot this version cannot load: start from the fixture instead.
    sessionStorage.removeItem(STORAGE_KEY)
  }
}

// @note maxAttempts: 1 because the SDK retries IAM's LimitExceeded as throttling (3 attempts,
// 1–2 s of back-off) before the app sees it.
const client = new IAMClient({ region: 'us-east-1', maxAttempts: 1, credentials: ROOT_KEY })

const main = element('main')
const status = element('#status')
const secretPanel = element('#secret')
const errorPanel = element('#error')
const usersPanel = element('#users')

/** Runs one user action: clears the last secret and error, then saves and redraws the state. */
async function run(action: () => Promise<void>): Promise<void> {
  main.setAttribute('aria-busy', 'true')
  showSecret(undefined)
  showError(undefined)
  try {
    await action()
  } catch (error) {
    showError(error)
  }
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(iam.snapshot()))
  await render()
  done()
}

/** Marks the page idle; `data-done` counts finished actions, for whoever waits on one (tests). */
function done(): void {
  main.dataset['done'] = String(Number(main.dataset['done'] ?? -1) + 1)
  main.setAttribute('aria-busy', 'false')
}

async function render(): Promise<void> {
  try {
    const { Users = [] } = await client.send(new ListUsersCommand({}))
    const keys = await Promise.all(
      Users.map((user) => client.send(new ListAccessKeysCommand({ UserName: user.UserName }))),
    )
    usersPanel.replaceChildren(
      Users.length === 0
        ? h('p', { className: 'meta' }, 'No users yet.')
        : h('div', {}, ...Users.map((user, i) => userCard(user, keys[i]?.AccessKeyMetadata ?? []))),
    )
    status.textContent = `Ready: account ${iam.store.accountId}, signed in as the root user (${ROOT_KEY.accessKeyId}); ${Users.length} user(s).`
  } catch (error) {
    showError(error)
  }
}

function userCard(user: User, keys: AccessKeyMetadata[]): HTMLElement {
  const userName = user.UserName!
  return h(
    'section',
    { className: 'user', ariaLabel: `User ${userName}` },
    h('h2', {}, userName),
    h('p', { className: 'meta' }, `${user.Arn} · ${user.UserId} · created ${iso(user.CreateDate)}`),
    keys.length === 0
      ? h('p', { className: 'meta' }, 'No access keys.')
      : h(
          'table',
          { ariaLabel: `Access keys of ${userName}` },
          h(
            'thead',
            {},
            h('tr', {}, ...['Access key ID', 'Status', 'Created', ''].map((t) => h('th', {}, t))),
          ),
          h('tbody', {}, ...keys.map((key) => keyRow(userName, key))),
        ),
    button('Create access key', `Create access key for ${userName}`, async () => {
      const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: userName }))
      showSecret(AccessKey)
    }),
    button('Delete user', `Delete user ${userName}`, async () => {
      await client.send(new DeleteUserCommand({ UserName: userName }))
    }),
  )
}

function keyRow(userName: string, key: AccessKeyMetadata): HTMLElement {
  const id = key.AccessKeyId!
  const next = key.Status === 'Active' ? 'Inactive' : 'Active'
  const verb = next === 'Inactive' ? 'Deactivate' : 'Activate'
  return h(
    'tr',
    {},
    h('td', {}, h('code', {}, id)),
    h('td', { className: key.Status ?? '' }, key.Status ?? ''),
    h('td', {}, iso(key.CreateDate)),
    h(
      'td',
      {},
      button(verb, `${verb} ${id}`, async () => {
        await client.send(
          new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: id, Status: next }),
        )
      }),
      button('Delete', `Delete ${id}`, async () => {
        await client.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: id }))
      }),
    ),
  )
}

/** The secret, shown once: IAM returns it only in CreateAccessKey's response. */
function showSecret(key: AccessKey | undefined): void {
  secretPanel.hidden = !key
  if (!key) return secretPanel.replaceChildren()
  secretPanel.replaceChildren(
    h('h2', {}, `New access key for ${key.UserName}`),
    h(
      'dl',
      {},
      h('dt', {}, 'Access key ID'),
      h('dd', {}, h('code', { dataset: { testid: 'new-access-key-id' } }, key.AccessKeyId!)),
      h('dt', {}, 'Secret access key'),
      h(
        'dd',
        {},
        h('code', { dataset: { testid: 'new-secret-access-key' } }, key.SecretAccessKey!),
      ),
    ),
    h('p', { className: 'meta' }, 'Copy it now: this is the only time the secret is shown.'),
  )
}

/** The error the mock answered with, as the SDK reports it. */
function showError(error: unknown): void {
  errorPanel.hidden = !error
  if (!error) return errorPanel.replaceChildren()
  const { name, Code, message, $metadata } = error as {
    name: string
    Code?: string
    message: string
    $metadata?: { httpStatusCode?: number }
  }
  const http = $metadata?.httpStatusCode ? ` (HTTP ${$metadata.httpStatusCode})` : ''
  errorPanel.replaceChildren(
    h('strong', { dataset: { testid: 'error-code' } }, `${Code ?? name}${http}`),
    ': ',
    h('span', { dataset: { testid: 'error-message' } }, message),
  )
}

element<HTMLFormElement>('#create-user').addEventListener('submit', (event) => {
  event.preventDefault()
  const form = event.currentTarget as HTMLFormElement
  const input = form.elements.namedItem('userName') as HTMLInputElement
  void run(async () => {
    await client.send(new CreateUserCommand({ UserName: input.value }))
    input.value = ''
  })
})
element('#reset').addEventListener('click', () => void run(async () => iam.reset()))

main.setAttribute('aria-busy', 'true')
await render()
done()

function button(label: string, ariaLabel: string, action: () => Promise<void>): HTMLButtonElement {
  const node = h('button', { type: 'button', ariaLabel }, label)
  node.addEventListener('click', () => void run(action))
  return node
}

function iso(date: Date | undefined): string {
  return date ? date.toISOString().replace('.000Z', 'Z') : ''
}

function element<T extends HTMLElement = HTMLElement>(selector: string): T {
  const node = document.querySelector<T>(selector)
  if (!node) throw new Error(`demo: ${selector} is missing from index.html`)
  return node
}

/** A tiny DOM builder: text goes in as text nodes, never as HTML. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Omit<HTMLElementTagNameMap[K], 'dataset'>> & { dataset?: Record<string, string> },
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const { dataset, ...rest } = props
  const node = Object.assign(document.createElement(tag), rest)
  Object.assign(node.dataset, dataset)
  node.append(...children)
  return node
}
