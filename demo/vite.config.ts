import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { mswIamDev } from './vite-plugin.js'

/**
 * `npm run demo`: the demo on http://127.0.0.1:5180 (`DEMO_PORT=…` or `npm run demo -- --port …`
 * to change it).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  cacheDir: fileURLToPath(
    new URL(`../node_modules/.vite/demo-${process.env.MSW_MAJOR ?? '2'}`, import.meta.url),
  ),
  plugins: [mswIamDev()],
  server: { host: '127.0.0.1', port: Number(process.env.DEMO_PORT ?? 5180) },
  preview: { host: '127.0.0.1', port: Number(process.env.DEMO_PORT ?? 5180) },
})
