/**
 * The QR-code PNG of CreateVirtualMFADevice, loaded on first use: its encoders (a QR matrix and a
 * PNG writer) are a module of their own, a separate chunk in a bundle, so a page that never
 * creates an MFA device never loads them. Actions run synchronously, so the pipeline loads it
 * before a request that needs it (as AWS's managed policies).
 */
let encode: ((text: string) => Uint8Array) | undefined
let loading: Promise<void> | undefined

/** Loads the encoders (once); every later call returns the same promise. */
export function loadQrCode(): Promise<void> {
  loading ??= import('./qr-png.js').then((module) => {
    encode = module.qrCodePng
  })
  return loading
}

/** Whether a request needs the encoders before its action runs. */
export function needsQrCode(params: URLSearchParams): boolean {
  return encode === undefined && params.get('Action') === 'CreateVirtualMFADevice'
}

/** A QR code of `text` as a PNG. @throws TypeError when the encoders are not loaded (a bug). */
export function qrCodePng(text: string): Uint8Array {
  if (!encode) throw new TypeError('msw-iam: the QR-code encoder was not loaded')
  return encode(text)
}
