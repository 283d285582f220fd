/**
 * The size IAM counts a policy document at against its quotas: characters other than
 * whitespace (GetAccountSummary's `UserPolicySizeQuota` is "in non-whitespace characters").
 * The whitespace is what a document may carry at all: tab, line feed, carriage return, space.
 */
export function policySize(document: string): number {
  return document.replace(/[\t\n\r ]/g, '').length
}
