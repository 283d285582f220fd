import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'

it('exposes the server as msw-iam/server (Node only) and the msw-iam command after the build', async () => {
  const { startIamServer } = await import('msw-iam/server')
  expect(import.meta.resolve('msw-iam/server')).toMatch(/\/dist\/server\/index\.js$/)
  const server = await startIamServer()
  try {
    const health = await fetch(`${server.url}/_msw-iam/health`)
    expect(await health.json()).toEqual({ status: 'ok', dialect: 'aws' })
  } finally {
    await server.close()
  }

  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
  // Like msw's ./node: a browser bundler fails at resolve time instead of shipping node:http.
  expect(pkg.exports['./server']).toMatchObject({ browser: null })
  expect(pkg.bin).toEqual({ 'msw-iam': './dist/cli.js' })
  const cli = readFileSync(new URL('../../dist/cli.js', import.meta.url), 'utf8')
  expect(cli.startsWith('#!/usr/bin/env node\n')).toBe(true)
})
