/**
 * Every AWS service as the Service Authorization Reference lists it (namespace, name, actions),
 * loaded on first use: the data is a module of its own (`src/data/services.js`, a separate chunk
 * in a bundle), so a suite that never asks access advisor for a report never loads it. Actions
 * run synchronously, so the pipeline loads it before a request that needs it. One copy per
 * process, shared by every mock: it is read-only.
 */

/** One service of the data. */
export interface ServiceData {
  readonly namespace: string
  /** AWS's display name (`Amazon S3`). */
  readonly name: string
  /** Its actions' names (`GetObject`), in name order. */
  readonly actions: readonly string[]
}

let services: readonly ServiceData[] | undefined
let loading: Promise<void> | undefined

/** Loads the data (once); every later call returns the same promise. */
export function loadServiceData(): Promise<void> {
  loading ??= import('../data/services.js').then(({ default: text }) => {
    services = text.split('\n').map((line) => {
      const [namespace, name, actions] = line.split('\t') as [string, string, string]
      return { namespace, name: displayName(name), actions: actions.split(',') }
    })
  })
  return loading
}

/**
 * The name access advisor gives a service: the Reference's, without a trailing abbreviation
 * (`AWS Identity and Access Management (IAM)` → `AWS Identity and Access Management`).
 *
 * @note inferred: AWS's documented examples name IAM so; the Reference names most services as
 * access advisor does (`Amazon S3`, `AWS Security Token Service`), and the mock has no other list.
 */
function displayName(name: string): string {
  return name.replace(/ \([A-Z0-9]+\)$/, '')
}

/** Whether a request needs the data before its action runs. */
export function needsServiceData(params: URLSearchParams): boolean {
  return services === undefined && params.get('Action') === 'GenerateServiceLastAccessedDetails'
}

/** Every service, in namespace order. @throws TypeError when the data is not loaded (a bug). */
export function serviceData(): readonly ServiceData[] {
  if (!services) throw new TypeError('msw-iam: the services data was not loaded')
  return services
}
