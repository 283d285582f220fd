import { encode as encodePng } from 'fast-png'
import { encode as encodeQr } from 'uqr'

/** Pixels per QR module: a 64-character seed's URI gives a code about 300 pixels wide. */
const SCALE = 4
/** The quiet zone the QR specification asks for, in modules. */
const BORDER = 4

/**
 * A QR code of `text` as a greyscale PNG (black modules on white), the image
 * CreateVirtualMFADevice returns for an authenticator app to scan.
 */
export function qrCodePng(text: string): Uint8Array {
  const qr = encodeQr(text, { ecc: 'M', border: BORDER })
  const width = qr.size * SCALE
  const pixels = new Uint8Array(width * width)
  for (let y = 0; y < width; y++) {
    const row = qr.data[Math.floor(y / SCALE)]!
    for (let x = 0; x < width; x++) pixels[y * width + x] = row[Math.floor(x / SCALE)] ? 0 : 255
  }
  return encodePng({ width, height: width, data: pixels, depth: 8, channels: 1 })
}
