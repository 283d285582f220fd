// `npm run bench [-- --json results.json] [-- --quick]`: every scenario, side by side, each in
// its own process (so msw's patches, the module cache and RSS never leak between scenarios),
// one after the other (so they never compete for the CPU). See BENCHMARKS.md.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: { json: { type: 'string' }, quick: { type: 'boolean', default: false } },
})
const scale = args.quick ? 0.2 : 1
const calls = (n) => Math.max(200, Math.round(n * scale))

function run(options) {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', new URL('./scenario.mjs', import.meta.url).pathname, JSON.stringify(options)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  )
  return JSON.parse(out.trim().split('\n').at(-1))
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const results = {}

/**
 * Throughput scenarios run in rounds, each round running every scenario once in turn. A
 * scenario's calls/s is its best round (the one least disturbed by whatever else the machine
 * did), as hyperfine-style benchmarks report their fastest run. The scenarios a target compares
 * run back to back, in alternating order from round to round, and a target's ratio is the median
 * of its per-round ratios: this machine's speed drifts within minutes, and two best rounds taken
 * minutes apart compare two different machines. Every round is kept in the JSON.
 */
const groups = [
  [
    ['msw-static (msw 2)', { scenario: 'msw-static', msw: 2, calls: calls(2000) }],
    ['msw-iam (msw 2)', { scenario: 'msw-iam', msw: 2, calls: calls(2000) }],
  ],
  [
    ['msw-static (msw 3)', { scenario: 'msw-static', msw: 3, calls: calls(2000) }],
    ['msw-iam (msw 3)', { scenario: 'msw-iam', msw: 3, calls: calls(2000) }],
  ],
  [
    ['direct-static', { scenario: 'direct-static', calls: calls(6000) }],
    ['direct', { scenario: 'direct', calls: calls(6000) }],
  ],
  [
    ['server-static', { scenario: 'server-static', calls: calls(3000) }],
    ['server', { scenario: 'server', calls: calls(3000) }],
    ['server-msw-static', { scenario: 'server-msw-static', calls: calls(3000) }],
  ],
  [
    ['enforce off (msw 2)', { scenario: 'enforce', authorize: false, calls: calls(2000) }],
    ['enforce on (msw 2)', { scenario: 'enforce', authorize: true, calls: calls(2000) }],
  ],
  [
    ['scale (10 users)', { scenario: 'scale', users: 10, calls: calls(2000) }],
    ['scale (100,000 users)', { scenario: 'scale', users: 100_000, calls: calls(2000) }],
  ],
]
const rounds = args.quick ? 1 : 5
const samples = {}
for (let round = 1; round <= rounds; round++) {
  for (const group of groups) {
    for (const [name, options] of round % 2 ? group : [...group].reverse()) {
      process.stderr.write(`bench: round ${round}/${rounds}: ${name}…\n`)
      ;(samples[name] ??= []).push(run(options))
    }
  }
}
for (const [name, runs] of Object.entries(samples)) {
  const best = runs.reduce((a, b) => (b.callsPerSecond > a.callsPerSecond ? b : a))
  results[name] = {
    ...best,
    rounds: runs.map((r) => r.callsPerSecond),
  }
}

const rssPoints = args.quick ? [0, 2000, 4000] : [0, 10_000, 20_000]
for (const msw of [2, 3]) {
  for (const target of ['msw-static', 'msw-iam']) {
    const name = `rss ${target} (msw ${msw})`
    process.stderr.write(`bench: ${name}…\n`)
    results[name] = run({ scenario: 'rss', target, msw, points: rssPoints })
  }
}

// Resets alternate between a fixture of 10 users and one of 100,000, as cold starts do.
const resetRuns = args.quick ? 1 : 5
const resets = { 'reset (10 users)': [], 'reset (100,000 users)': [] }
process.stderr.write('bench: resets…\n')
for (let i = 0; i < resetRuns; i++) {
  resets['reset (10 users)'].push(run({ scenario: 'reset', users: 10 }).resetMs)
  resets['reset (100,000 users)'].push(run({ scenario: 'reset', users: 100_000 }).resetMs)
}
for (const [name, values] of Object.entries(resets)) results[name] = { resetMs: median(values) }

process.stderr.write('bench: a 1 MiB request of 44,000 list items…\n')
results['flood (44,000 Tags.member.N.Key, server)'] = run({ scenario: 'flood' })

process.stderr.write("bench: AWS's managed policies, first use…\n")
const awsRuns = Array.from({ length: args.quick ? 3 : 7 }, () => run({ scenario: 'awsPolicies' }))
const medianOf = (key) => median(awsRuns.map((r) => r[key]))
results["AWS's managed policies"] = {
  firstMs: medianOf('firstMs'),
  rssMiB: medianOf('rssMiB'),
  laterMs: medianOf('laterMs'),
}

// Cold starts alternate between the two setups, so both sample the same moments.
const coldRuns = args.quick ? 3 : 11
const cold = { 'cold msw': [], 'cold msw + msw-iam': [] }
process.stderr.write('bench: cold starts…\n')
for (let i = 0; i < coldRuns; i++) {
  cold['cold msw'].push(run({ scenario: 'cold', withIam: false }).coldMs)
  cold['cold msw + msw-iam'].push(run({ scenario: 'cold', withIam: true }).coldMs)
}
for (const [name, values] of Object.entries(cold)) results[name] = { coldMs: median(values) }

/** The median over rounds of `a`'s calls/s over `b`'s, each round's pair run back to back. */
const ratio = (a, b) => {
  const [ra, rb] = [results[a]?.rounds, results[b]?.rounds]
  return ra && rb ? median(ra.map((value, i) => value / rb[i])) : undefined
}
const rssGrowth = (name) => {
  const rss = results[name].rss
  return rss[rssPoints.at(-1)] - rss[0]
}
const ratios = [
  ['msw-iam / msw-static (msw 2)', ratio('msw-iam (msw 2)', 'msw-static (msw 2)'), '>= 0.9'],
  ['msw-iam / msw-static (msw 3)', ratio('msw-iam (msw 3)', 'msw-static (msw 3)'), '>= 0.9'],
  ['direct / direct-static', ratio('direct', 'direct-static'), '>= 0.85'],
  ['direct / msw-iam (msw 2)', ratio('direct', 'msw-iam (msw 2)'), '>= 5'],
  [
    'direct-static / msw-static (msw 2): what direct / msw-iam would be for a zero-cost mock',
    ratio('direct-static', 'msw-static (msw 2)'),
    'info',
  ],
  ['server / server-static', ratio('server', 'server-static'), '>= 0.8'],
  [
    'server / server-msw-static (a static http.post handler behind getResponse)',
    ratio('server', 'server-msw-static'),
    'info',
  ],
  [
    'enforcement: authorize on / off, 10 policies of 20 statements (msw 2)',
    ratio('enforce on (msw 2)', 'enforce off (msw 2)'),
    '>= 0.9',
  ],
  ['scale: 100k users / 10 users', ratio('scale (100,000 users)', 'scale (10 users)'), '>= 0.8'],
  [
    'rss growth msw-iam - msw-static, MiB (msw 2)',
    rssGrowth('rss msw-iam (msw 2)') - rssGrowth('rss msw-static (msw 2)'),
    '<= 10',
  ],
  [
    'rss growth msw-iam - msw-static, MiB (msw 3)',
    rssGrowth('rss msw-iam (msw 3)') - rssGrowth('rss msw-static (msw 3)'),
    '<= 10',
  ],
  [
    'cold: msw + msw-iam / msw',
    results['cold msw + msw-iam'].coldMs / results['cold msw'].coldMs,
    '<= 1.15',
  ],
  ['seeding 100,000 users, ms', results['scale (100,000 users)'].seedMs, '< 1000'],
  [
    'reset after 10 changes: 100k users / 10 users',
    results['reset (100,000 users)'].resetMs / results['reset (10 users)'].resetMs,
    '<= 2',
  ],
  [
    'a 1 MiB request of 44,000 list items, ms',
    results['flood (44,000 Tags.member.N.Key, server)'].floodMs,
    '< 100',
  ],
  [
    'first request naming an AWS managed policy (loads their data), ms',
    results["AWS's managed policies"].firstMs,
    '< 250',
  ],
  [
    "RSS that loading AWS's managed policies adds, MiB",
    results["AWS's managed policies"].rssMiB,
    '<= 32',
  ],
  [
    'Attach/DetachUserPolicy of an AWS managed policy once loaded, ms per call',
    results["AWS's managed policies"].laterMs,
    'info',
  ],
]

const meets = (value, target) => {
  if (value === undefined || Number.isNaN(value)) return 'n/a'
  if (target === 'info') return '—'
  const [op, bound] = target.split(' ')
  const ok = { '>=': value >= +bound, '<=': value <= +bound, '<': value < +bound }[op]
  return ok ? 'yes' : 'NO'
}
const fmt = (n, digits = 1) => (n === undefined || Number.isNaN(n) ? 'n/a' : n.toFixed(digits))

const lines = ['| scenario | calls/s | p50 ms | p99 ms |', '| --- | ---: | ---: | ---: |']
for (const [name, r] of Object.entries(results)) {
  if (r.callsPerSecond !== undefined) {
    lines.push(`| ${name} | ${fmt(r.callsPerSecond, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} |`)
  }
}
lines.push(
  '',
  `| RSS, MiB | ${rssPoints.map((p) => `after ${p} calls`).join(' | ')} |`,
  `| --- |${rssPoints.map(() => ' ---: |').join('')}`,
)
for (const [name, r] of Object.entries(results)) {
  if (r.rss) lines.push(`| ${name} | ${rssPoints.map((p) => fmt(r.rss[p])).join(' | ')} |`)
}
lines.push('', '| reset after 10 changes | ms |', '| --- | ---: |')
for (const [name, r] of Object.entries(results))
  if (r.resetMs !== undefined) lines.push(`| ${name} | ${fmt(r.resetMs, 3)} |`)
lines.push('', '| cold start (import + listen) | ms |', '| --- | ---: |')
for (const [name, r] of Object.entries(results))
  if (r.coldMs !== undefined) lines.push(`| ${name} | ${fmt(r.coldMs)} |`)
lines.push('', '| target | value | goal | met |', '| --- | ---: | --- | --- |')
for (const [name, value, target] of ratios)
  lines.push(`| ${name} | ${fmt(value, 3)} | ${target} | ${meets(value, target)} |`)
console.log(lines.join('\n'))

if (args.json) {
  writeFileSync(
    args.json,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, results, ratios: Object.fromEntries(ratios.map(([n, v, t]) => [n, { value: v, target: t, met: meets(v, t) }])) }, null, 2)}\n`,
  )
}
