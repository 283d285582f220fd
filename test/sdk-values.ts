// Values shared by the Node tests (test/helpers.ts) and the browser test page
// (test/browser/page/main.ts), which cannot import the Node-only helpers.

/** The default fixture's root access key. */
export const ROOT_KEY = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
}

/** What a test sees of a failed SDK call. */
export interface SdkFailure {
  name: string
  message: string
  Code?: string
  Type?: string
  $fault: string
  $metadata: { httpStatusCode?: number; requestId?: string }
}
