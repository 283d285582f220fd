/**
 * `msw-iam/policy`: IAM's policy evaluation as a function, for unit tests of policy documents with
 * no HTTP and no mock. Environment-neutral: it carries neither the service model nor the
 * authorization data.
 */
export { evaluate } from './api.js'
export type {
  ContextValue,
  DecidingStatement,
  Decision,
  EvalDecision,
  EvaluationInput,
  EvaluationRequest,
  PolicyInput,
  PolicyKind,
  Position,
} from './api.js'
