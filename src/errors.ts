/**
 * Whether IAM blames the caller (`Sender`, 4xx) or itself (`Receiver`, 5xx). It is the `<Type>`
 * element of IAM's error XML, which the AWS CLI prints under "Additional error details".
 */
export type IamErrorType = 'Sender' | 'Receiver'

/**
 * An IAM error as a value: code, HTTP status, fault type and AWS's exact message.
 *
 * Actions and the store throw these; only the wire layer turns them into XML. The static
 * constructors carry the wording real IAM uses (see `shared/spec/aws-iam-wire.md` §4), so a test
 * that asserts on `error.message` sees what it would see against AWS.
 *
 * @example
 * throw IamError.noSuchUser('Bob') // NoSuchEntity, 404: The user with name Bob cannot be found.
 */
export class IamError extends Error {
  override readonly name = 'IamError'

  constructor(
    /** The wire code, e.g. `NoSuchEntity` (never the SDK's `NoSuchEntityException`). */
    readonly code: string,
    message: string,
    /** The HTTP status IAM answers with. */
    readonly status = 400,
    readonly type: IamErrorType = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message)
  }

  /** AWS sends some errors with no Message element at all (GetCredentialReport's ReportNotPresent). */
  messageless = false

  /** An error whose answer has no Message element, as AWS sends `code` (recorded). */
  static withoutMessage(code: string, status: number): IamError {
    const error = new IamError(code, '', status)
    error.messageless = true
    return error
  }

  static noSuchUser(userName: string): IamError {
    return new IamError('NoSuchEntity', `The user with name ${userName} cannot be found.`, 404)
  }

  static noSuchAccessKey(accessKeyId: string): IamError {
    return new IamError(
      'NoSuchEntity',
      `The Access Key with id ${accessKeyId} cannot be found.`,
      404,
    )
  }

  /** `The user policy with name P cannot be found.` (`group policy`, `role policy` alike). */
  static noSuchInlinePolicy(kind: 'user' | 'group' | 'role', policyName: string): IamError {
    return new IamError(
      'NoSuchEntity',
      `The ${kind} policy with name ${policyName} cannot be found.`,
      404,
    )
  }

  /** A policy document IAM cannot accept; `message` is IAM's sentence for the first problem. */
  static malformedPolicy(message: string): IamError {
    return new IamError('MalformedPolicyDocument', message, 400)
  }

  /**
   * The aggregate size of an owner's inline policies (non-whitespace characters) is over quota.
   *
   * @note "bytes" although IAM counts characters: that is IAM's wording (recorded for users; the
   * same sentence for groups and roles is inferred).
   */
  static inlinePolicySizeQuota(
    limit: number,
    kind: 'user' | 'group' | 'role',
    name: string,
  ): IamError {
    return new IamError(
      'LimitExceeded',
      `Maximum policy size of ${limit} bytes exceeded for ${kind} ${name}`,
      409,
    )
  }

  /**
   * PutUserPolicy on a root user that a dialect exposes by name (MSDP).
   *
   * @note Inferred: MSDP documents that root cannot have policies, not the error. IAM's own error
   * for an entity it protects from changes is UnmodifiableEntity (400, as for service-linked roles).
   */
  static rootPolicy(rootName: string): IamError {
    return new IamError(
      'UnmodifiableEntity',
      `Cannot perform the operation on the protected user ${rootName}: policies cannot be attached to the root user.`,
      400,
    )
  }

  /**
   * DeleteAccessKey on the root user's last Active key, where the dialect protects it (MSDP).
   *
   * @note Inferred: MSDP documents the rule, not the error. IAM refuses a delete that would break
   * an invariant with DeleteConflict (409), e.g. `Cannot delete the default version of a policy.`
   */
  static lastRootKey(): IamError {
    return new IamError(
      'DeleteConflict',
      'Cannot delete the last active access key of the root user.',
      409,
    )
  }

  /** @note Inferred, as `lastRootKey()`: DeleteUser naming the root user (MSDP). */
  static rootNotDeletable(): IamError {
    return new IamError('DeleteConflict', 'Cannot delete the root user.', 409)
  }

  static accessKeyQuota(limit: number): IamError {
    // @note No trailing period: this is the one IAM message without it.
    return new IamError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${limit}`, 409)
  }

  static userExists(userName: string): IamError {
    return new IamError('EntityAlreadyExists', `User with name ${userName} already exists.`, 409)
  }

  /** DeleteUser while the user still owns something: `what` is `access keys` or `policies`. */
  /**
   * A delete refused while the entity still holds something: `Cannot delete entity, must delete
   * access keys first.` (`…must delete policies first.`, `…must detach all policies first.`,
   * `…must remove users from group first.`).
   */
  static deleteConflict(
    what: 'access keys' | 'policies' | 'detach all policies' | 'remove users from group',
  ): IamError {
    const verb = what === 'access keys' || what === 'policies' ? `delete ${what}` : what
    return new IamError('DeleteConflict', `Cannot delete entity, must ${verb} first.`, 409)
  }

  static nonUserCredentials(): IamError {
    return new IamError(
      'ValidationError',
      'Must specify userName when calling with non-User credentials',
      400,
    )
  }

  static lastUsedAccessDenied(callerArn: string, accessKeyId: string): IamError {
    // @note "perform iam:…" without the colon that ordinary AccessDenied messages have: that is
    // what real IAM sends for this action.
    return new IamError(
      'AccessDenied',
      `User: ${callerArn} is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key ${accessKeyId}`,
      403,
    )
  }

  /** Coral-style validation summary: `N validation error(s) detected: a; b`. */
  static validation(problems: readonly string[]): IamError {
    const n = problems.length
    return new IamError(
      'ValidationError',
      `${n} validation error${n === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
      400,
    )
  }

  static invalidName(member: string): IamError {
    return new IamError(
      'ValidationError',
      `The specified value for ${member} is invalid. It must contain only alphanumeric characters and/or the following: +=,.@_-`,
      400,
    )
  }

  static invalidPath(member: string): IamError {
    return new IamError(
      'ValidationError',
      `The specified value for ${member} is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
      400,
    )
  }

  static invalidMarker(): IamError {
    return new IamError('ValidationError', 'Invalid Marker.', 400)
  }

  static invalidAction(action: string, version: string): IamError {
    return new IamError(
      'InvalidAction',
      `Could not find operation ${action} for version ${version}`,
    )
  }

  /**
   * An operation the model has and msw-iam does not implement yet. Its input was read and
   * validated first; 501 is not one of the statuses the SDKs retry.
   */
  static notImplemented(service: 'IAM' | 'STS', action: string): IamError {
    return new IamError(
      'NotImplemented',
      `msw-iam does not implement the ${service} action ${action} yet.`,
      501,
      'Receiver',
    )
  }

  static missingAction(): IamError {
    return new IamError('MissingAction', 'Missing Action', 400)
  }

  static duplicateTagKeys(): IamError {
    return new IamError(
      'InvalidInput',
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      400,
    )
  }

  static tagQuota(limit: number): IamError {
    return new IamError('LimitExceeded', `Cannot exceed quota for TagsPerUser: ${limit}`, 409)
  }

  static serviceFailure(
    message = 'The request processing has failed because of an unknown error, exception or failure.',
  ): IamError {
    return new IamError('ServiceFailure', message, 500, 'Receiver')
  }

  /** An unsigned request (no Authorization header, no presigned query parameters). */
  static missingAuthenticationToken(): IamError {
    return new IamError(
      'MissingAuthenticationToken',
      'Request is missing Authentication Token',
      403,
    )
  }

  /** The signing key is unknown, deleted or Inactive, or its session token does not match. */
  static invalidClientTokenId(): IamError {
    return new IamError(
      'InvalidClientTokenId',
      'The security token included in the request is invalid.',
      403,
    )
  }

  /**
   * IAM's refusal of GetSessionToken's credentials without MFA and of GetFederationToken's: IAM
   * takes neither (AWS documents it). Its text has no final period, as IAM's response body shows
   * it (aws/aws-cli#8918); the message for an unknown key keeps STS's.
   */
  static temporaryCredentialsRefused(): IamError {
    return new IamError(
      'InvalidClientTokenId',
      'The security token included in the request is invalid',
      403,
    )
  }

  /** Temporary credentials used after their expiration (STS's and IAM's front end). */
  static expiredToken(): IamError {
    return new IamError(
      'ExpiredToken',
      'The security token included in the request is expired',
      403,
    )
  }

  /**
   * The signature is wrong (wrong secret, tampered request), or the request is signed outside
   * the accepted window or scope; `message` carries the front end's reason in those cases.
   */
  static signatureDoesNotMatch(
    message = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  ): IamError {
    return new IamError('SignatureDoesNotMatch', message, 403)
  }

  /** A malformed Authorization header or presigned query string. */
  static incompleteSignature(message: string): IamError {
    return new IamError('IncompleteSignature', message, 400)
  }

  /**
   * A request the standalone server refuses before the mock sees it (a web page's, or one for a
   * Host it does not answer for); `message` says why and what to do.
   */
  static accessDeniedByServer(message: string): IamError {
    return new IamError('AccessDenied', message, 403)
  }

  static requestTooLarge(limit: number): IamError {
    return new IamError(
      'RequestEntityTooLarge',
      `Request body exceeds the limit of ${limit} bytes.`,
      413,
    )
  }
}
