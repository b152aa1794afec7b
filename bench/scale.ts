/**
 * qgov at scale, per account size (projects of `bench/gen-spec.ts`: per project one instance, a reader and a
 * writer group, an e-mail writer, an e-mail and a service-ID reader, dynamic rules, a temporary grant; one
 * division group per 100 projects). For each size, in a fresh emulator (a child process, so client and server
 * do not share one event loop):
 *
 *   1. `validate`: `parseSpec` of the generated spec, best of 3;
 *   2. apply from empty (`prepareApply` + `runApply`, what `qgov apply` runs) under `limit=50` (the emulator
 *      answers 429 + Retry-After above 50 requests/s): wall time against the bound writes ÷ 50/s;
 *   3. the emulator clock moves 2 minutes on (past the search lag: a plan some time after the last apply);
 *   4. `plan` at 0 ms and 25 ms injected latency: qgov's `planSpec` and the per-object reader
 *      (`per-object-reader.ts`) on the same account in the same run, with calls per service;
 *   5. apply of a 5 % change set (every 20th project, from the first: a new instance limit and one more writer) under `limit=50`.
 *
 * Then CLI start-up (cold, 5 runs each, median): `node -e 0`, `qgov --version`, `qgov validate` of the 10-project
 * spec, and `qgov plan` up to its first request (a local server that notes the first request and hangs up).
 *
 * Run: `node -r ./bench/register.js bench/scale.ts [sizes=10,50,100,200,250] [--smoke] [--no-write]`
 * `--smoke` (CI): size 10 only, 0 ms latency, nothing written; fails only if a read or an apply fails.
 */
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_PARALLELISM } from '../src/cli/cloud';
import { type CallStats } from '../src/cloud/calls';
import { type CloudSession } from '../src/cloud/client';
import { startEmulator } from '../src/emulator/server';
import { planSpec } from '../src/ops/plan';
import { prepareApply, runApply } from '../src/ops/apply';
import { parseSpec } from '../src/spec/load';
import { sessionFor, type EmulatorEndpoint } from '../test/integration/plan-helpers';
import { generateSpec } from './gen-spec';
import { perObjectRefresh, type PerObjectIds } from './per-object-reader';

const args = process.argv.slice(2);
const SMOKE = args.includes('--smoke');
/** Only the CLI start-up measurements (quick to repeat on a quiet machine). */
const STARTUP_ONLY = args.includes('--startup');
const WRITE = !SMOKE && !args.includes('--no-write');
const SIZES = SMOKE ? [10] : (args.find((a) => /^\d+(,\d+)*$/.test(a))?.split(',').map(Number) ?? [10, 50, 100, 200, 250]);
const LATENCIES = SMOKE ? [0] : [0, 25];
const RATE = 50;
const PARALLELISM = DEFAULT_PARALLELISM;
const pad = (i: number): string => String(i).padStart(5, '0');

interface PlanRow {
  readonly latencyMs: number;
  /** `cpuMs`: CPU time of this (client) process during the plan; the emulator runs in another. */
  readonly qgov: { wallMs: number; cpuMs: number; stats: CallStats; changes: number };
  readonly perObject: { wallMs: number; stats: CallStats };
}

interface ApplyRow {
  readonly wallMs: number;
  readonly writes: number;
  readonly calls: number;
  readonly throttled: number;
  readonly failed: number;
  readonly done: number;
}

interface SizeResult {
  readonly projects: number;
  readonly validateMs: number;
  readonly objects: Readonly<Record<string, number>>;
  readonly applyEmpty: ApplyRow;
  readonly plans: readonly PlanRow[];
  readonly applyChange: ApplyRow;
  readonly rssMb: number;
}

/** Every member the spec (and the change set) names already exists in the account, so one apply converges. */
function seedsFor(projects: number) {
  const emails: string[] = [];
  for (let i = 1; i <= projects; i++) for (const who of ['w', 'w2', 'r', 't']) emails.push(`${who}.p${pad(i)}@example.com`);
  return [
    {
      users: emails.map((email, k) => ({ email, iam_id: `IBMid-BENCH${String(k).padStart(6, '0')}` })),
      serviceIds: Array.from({ length: projects }, (_, i) => ({ name: `svc-p${pad(i + 1)}` })),
    },
  ];
}

async function child(projects: number): Promise<void> {
  const emu = await startEmulator({ host: '127.0.0.1', port: 0, seeds: seedsFor(projects) });
  process.send?.({ url: emu.url, config: { apiKey: emu.config.apiKey, accountId: emu.config.accountId } });
  process.on('disconnect', () => void emu.close().then(() => process.exit(0)));
}

function hook(emu: EmulatorEndpoint, method: string, path: string, body?: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const req = request(`${emu.url}${path}`, { method, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => (res.statusCode !== undefined && res.statusCode < 300 ? resolve(data ? JSON.parse(data) : undefined) : reject(new Error(`${path}: HTTP ${res.statusCode} ${data}`))));
    });
    req.on('error', reject);
    req.end(text);
  });
}

const setFaults = (emu: EmulatorEndpoint, spec: string) => hook(emu, 'PUT', '/__emulator/faults', { spec });
async function emulatorNow(emu: EmulatorEndpoint): Promise<Date> {
  const r = (await hook(emu, 'GET', '/__emulator/clock')) as { now: string };
  return new Date(r.now);
}

function parsed(text: string, now: Date) {
  const r = parseSpec(text, 'bench.yaml', { env: {}, now });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.summary}`).join('\n'));
  return r;
}

/** The 5 % change set: every 20th project (1, 21, 41, …) gets a new instance limit and a second writer. */
function changed(text: string, projects: number): string {
  let out = text;
  for (let i = 1; i <= projects; i += 20) {
    const p = `p${pad(i)}`;
    out = out
      .replace(`  QR-${p}:\n    plan: premium\n    limits: { instanceSeconds: 3600,`, `  QR-${p}:\n    plan: premium\n    limits: { instanceSeconds: 7200,`)
      .replace(`    writers: [w.${p}@example.com]`, `    writers: [w.${p}@example.com, w2.${p}@example.com]`);
  }
  return out;
}

/** Answered writes (an attempt refused with 429 wrote nothing, and the emulator's bucket did not count it). */
const writesOf = (s: CallStats): number =>
  s.routes.filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && r.service !== 'iam_token' && r.service !== 'global_search').reduce((n, r) => n + r.calls - r.errors, 0);
/** Answered calls of any kind but the token (the emulator's `limit` fault counts every one of them). */
const answeredOf = (s: CallStats): number => s.routes.filter((r) => r.service !== 'iam_token').reduce((n, r) => n + r.calls - r.errors, 0);

async function apply(s: CloudSession, text: string, now: Date): Promise<ApplyRow> {
  const p = parsed(text, now);
  const start = performance.now();
  const prepared = await prepareApply(s, {
    spec: p.spec,
    specHash: p.hash,
    now,
    adopt: false,
    invite: true,
    parallelism: PARALLELISM,
    flags: { allowRemovals: false, allowInstanceDeletion: false },
    targets: [],
  });
  if (!prepared.ok) throw new Error(prepared.reason === 'cloud' ? prepared.error.message : prepared.message);
  if (prepared.refusals.length > 0) throw new Error(`refused: ${prepared.refusals.map((r) => JSON.stringify(r)).join('; ')}`);
  const run = await runApply(s, prepared, { parallelism: PARALLELISM, run: { id: s.runId, qgovVersion: 'bench', specHash: p.hash, planHash: 'bench' } });
  const wallMs = performance.now() - start;
  const stats = s.recorder.snapshot();
  if (process.env.BENCH_ROUTES) for (const r of stats.routes) console.log(`    ${r.service} ${r.method} ${r.route}: ${r.calls} (${r.errors} errors)`);
  if (run.summary.failed > 0) throw new Error(`apply failed: ${run.rootCauses.map((r) => `${r.address}: ${r.error.message}`).join('; ')}`);
  return {
    wallMs,
    writes: writesOf(stats),
    calls: answeredOf(stats),
    throttled: s.throttles(),
    failed: run.summary.failed,
    done: Object.values(run.summary.done).reduce((a, b) => a + b, 0),
  };
}

async function plan(s: CloudSession, text: string, now: Date) {
  const p = parsed(text, now);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const o = await planSpec(s, { spec: p.spec, specHash: p.hash, now, adopt: false, invite: true, parallelism: PARALLELISM });
  if (!o.ok) throw new Error(o.reason === 'cloud' ? o.error.message : o.message);
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000, stats: s.recorder.snapshot(), changes: o.plan.changes.length, outcome: o };
}

async function measureSize(projects: number): Promise<SizeResult> {
  const proc = fork(__filename, ['--child', String(projects)], { execArgv: ['-r', require.resolve('./register.js')] });
  const emu = await new Promise<EmulatorEndpoint>((resolve) => proc.once('message', (m) => resolve(m as EmulatorEndpoint)));
  try {
    const text = generateSpec(projects, 'block', { groups: false });
    let validateMs = Infinity;
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      parsed(text, new Date());
      validateMs = Math.min(validateMs, performance.now() - t);
    }

    await setFaults(emu, `limit=${RATE}`);
    const applyEmpty = await apply(sessionFor(emu), text, await emulatorNow(emu));
    await setFaults(emu, 'latency=0');
    await hook(emu, 'POST', '/__emulator/clock', { advanceSeconds: 120 });

    const plans: PlanRow[] = [];
    let objects: Record<string, number> = {};
    for (const latencyMs of LATENCIES) {
      await setFaults(emu, `latency=${latencyMs}`);
      const now = await emulatorNow(emu);
      const q = await plan(sessionFor(emu), text, now);
      const obs = q.outcome.read.observed.resources.filter((o) => o.ownership === 'owned');
      objects = {};
      for (const o of obs) objects[o.kind] = (objects[o.kind] ?? 0) + 1;
      const snap = q.outcome.read.snapshot;
      const idsOf = (k: string) => obs.filter((o) => o.kind === k).map((o) => o.id);
      const groupIdByName = new Map(snap.groups.map((g) => [g.name, g.id]));
      const ids: PerObjectIds = {
        groups: idsOf('access-group'),
        rules: obs.filter((o) => o.kind === 'dynamic-rule').map((o) => [groupIdByName.get((o.attrs as { group: string }).group) ?? '', o.id] as const),
        policies: [...idsOf('policy'), ...idsOf('user-policy')],
        instances: snap.instances.filter((i) => obs.some((o) => o.kind === 'instance' && o.id === i.crn)).map((i) => ({ crn: i.crn, planId: i.planId })),
        roles: idsOf('custom-role'),
      };
      const t = sessionFor(emu);
      const start = performance.now();
      await perObjectRefresh(t, ids);
      plans.push({ latencyMs, qgov: { wallMs: q.wallMs, cpuMs: q.cpuMs, stats: q.stats, changes: q.changes }, perObject: { wallMs: performance.now() - start, stats: t.recorder.snapshot() } });
      console.log(`  ${projects} projects, ${latencyMs} ms: qgov ${q.stats.total} calls ${Math.round(q.wallMs)} ms, client CPU ${Math.round(q.cpuMs)} ms (${q.changes} changes); per-object ${t.recorder.snapshot().total} calls ${Math.round(performance.now() - start)} ms`);
    }

    await setFaults(emu, `limit=${RATE}`);
    const applyChange = await apply(sessionFor(emu), changed(text, projects), await emulatorNow(emu));
    await setFaults(emu, 'latency=0');
    const rssMb = SMOKE ? 0 : await cliPlanRss(emu, text);
    return { projects, validateMs, objects, applyEmpty, plans, applyChange, rssMb };
  } finally {
    proc.disconnect();
  }
}

/** Peak RSS of `qgov plan` (the built CLI) against the emulator, MB (GNU time's %M). */
async function cliPlanRss(emu: EmulatorEndpoint, text: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'qgov-bench-'));
  try {
    const file = join(dir, 'org.yaml');
    writeFileSync(file, text);
    const r = await run('/usr/bin/time', ['-f', '%M', process.execPath, join(__dirname, '..', 'bin', 'qgov'), 'plan', file, '--no-color'], {
      IBMCLOUD_API_KEY: emu.config.apiKey,
      QGOV_ENDPOINT: emu.url,
    }, dir);
    const kb = Number(r.stderr.trim().split('\n').pop());
    return Number.isFinite(kb) ? kb / 1024 : NaN;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, argv: readonly string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const p = spawn(cmd, argv, { cwd, env: { ...process.env, ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - start }));
  });
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Cold start-up of the built CLI, median of 5: to exit, and for `plan` to its first HTTP request. */
async function startup(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'qgov-start-'));
  const bin = join(__dirname, '..', 'bin', 'qgov');
  const file = join(dir, 'org.yaml');
  writeFileSync(file, generateSpec(10));
  let firstAt = 0;
  const server = createServer((req) => {
    if (firstAt === 0) firstAt = performance.now();
    req.socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const out: Record<string, number[]> = { 'node -e 0': [], 'qgov --version': [], 'qgov validate (10 projects)': [], 'qgov plan, to its first request': [] };
  try {
    for (let k = 0; k < 5; k++) {
      out['node -e 0'].push((await run(process.execPath, ['-e', '0'], {}, dir)).ms);
      out['qgov --version'].push((await run(process.execPath, [bin, '--version'], {}, dir)).ms);
      out['qgov validate (10 projects)'].push((await run(process.execPath, [bin, 'validate', file], {}, dir)).ms);
      firstAt = 0;
      const start = performance.now();
      await run(process.execPath, [bin, 'plan', file, '--timeout', '2000'], { IBMCLOUD_API_KEY: 'bench-key-not-secret', QGOV_ENDPOINT: url }, dir);
      out['qgov plan, to its first request'].push(firstAt > 0 ? firstAt - start : NaN);
    }
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, median(v)]));
}

const s1 = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const x = (a: number, b: number): string => `${(a / b).toFixed(1)}×`;

function render(results: readonly SizeResult[], start: Record<string, number>, load: readonly number[]): string {
  const out: string[] = ['## scale', ''];
  out.push(
    `\`npm run bench\` (\`bench/scale.ts\`): the spec of \`bench/gen-spec.ts\` per size, applied to a fresh emulator (child process, ` +
      `127.0.0.1, real SDK over HTTP) with \`prepareApply\` + \`runApply\`, then planned; \`--parallelism ${PARALLELISM}\`. ` +
      `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), shared with other ` +
      `sessions: load average ${load.map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min) at the start.`,
    '',
  );
  out.push('### plan: calls and wall time, qgov vs the per-object (Terraform-like) reader, same account, same run', '');
  out.push('| projects | owned objects | latency | qgov calls | qgov wall | qgov client CPU | qgov floor | per-object calls | per-object wall | per-object floor | calls ratio | wall ratio |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const objs = Object.values(r.objects).reduce((a, b) => a + b, 0);
    for (const p of r.plans) {
      // Floors at latency L. qgov: its busiest lane (IAM Access Groups) at full width after the chain of
      // round trips it waits for (token, group page 1, the other pages): (3 + calls ÷ --parallelism) × L.
      // Per-object: calls × L ÷ 10 (Terraform's parallelism).
      const ag = p.qgov.stats.byService.iam_access_groups ?? 0;
      const qFloor = (3 + ag / PARALLELISM) * p.latencyMs;
      const oFloor = (p.perObject.stats.total * p.latencyMs) / 10;
      const f = (wall: number, floor: number): string => (p.latencyMs > 0 ? `${s1(floor)} (${x(wall, floor)})` : '—');
      out.push(
        `| ${r.projects} | ${objs} | ${p.latencyMs} ms | ${p.qgov.stats.total} | ${s1(p.qgov.wallMs)} | ${s1(p.qgov.cpuMs)} | ${f(p.qgov.wallMs, qFloor)} | ` +
          `${p.perObject.stats.total} | ${s1(p.perObject.wallMs)} | ${f(p.perObject.wallMs, oFloor)} | ${x(p.perObject.stats.total, p.qgov.stats.total)} | ${x(p.perObject.wallMs, p.qgov.wallMs)} |`,
      );
    }
  }
  out.push('', '### plan: qgov calls per service (25 ms row)', '');
  const services = [...new Set(results.flatMap((r) => r.plans.flatMap((p) => [...Object.keys(p.qgov.stats.byService), ...Object.keys(p.perObject.stats.byService)])))].sort();
  out.push(`| projects | reader | ${services.join(' | ')} |`, `|${' --- |'.repeat(2 + services.length)}`);
  for (const r of results) {
    const p = r.plans[r.plans.length - 1];
    out.push(`| ${r.projects} | qgov | ${services.map((s) => p.qgov.stats.byService[s] ?? 0).join(' | ')} |`);
    out.push(`| ${r.projects} | per-object | ${services.map((s) => p.perObject.stats.byService[s] ?? 0).join(' | ')} |`);
  }
  out.push('', `### apply under \`--faults limit=${RATE}\` (429 + Retry-After above ${RATE} requests/s)`, '');
  out.push('| projects | run | actions | writes | answered calls (reads too) | 429s | wall | writes ÷ 50/s | wall ÷ that | answered calls ÷ 50/s | wall ÷ that |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    for (const [name, a] of [['from empty', r.applyEmpty], ['5 % change', r.applyChange]] as const) {
      const bw = (a.writes / RATE) * 1000;
      const bc = (a.calls / RATE) * 1000;
      out.push(`| ${r.projects} | ${name} | ${a.done} | ${a.writes} | ${a.calls} | ${a.throttled} | ${s1(a.wallMs)} | ${s1(bw)} | ${x(a.wallMs, bw)} | ${s1(bc)} | ${x(a.wallMs, bc)} |`);
    }
  }
  out.push('', '### validate and memory', '');
  out.push('| projects | spec lines | `parseSpec` (best of 3, warm) | `qgov plan` peak RSS |', '| --- | --- | --- | --- |');
  for (const r of results) out.push(`| ${r.projects} | ${generateSpec(r.projects, 'block', { groups: false }).split('\n').length} | ${Math.round(r.validateMs)} ms | ${r.rssMb > 0 ? `${r.rssMb.toFixed(0)} MB` : '—'} |`);
  out.push('', '### CLI start-up (built `dist/`, cold process, median of 5)', '');
  out.push('| command | wall |', '| --- | --- |');
  for (const [k, v] of Object.entries(start)) out.push(`| ${k} | ${Math.round(v)} ms |`);
  out.push('');
  return out.join('\n');
}

/** Replaces (or appends) only the `## scale` section; other sections belong to other benchmarks. */
function writeSection(section: string): void {
  const file = join(__dirname, '..', 'BENCHMARKS.md');
  let text = readFileSync(file, 'utf8');
  const start = text.search(/^## scale\s*$/m);
  if (start < 0) {
    text = `${text.replace(/\n*$/, '\n\n')}${section}`;
  } else {
    const rest = text.slice(start + 1);
    const next = rest.search(/^## /m);
    text = text.slice(0, start) + section + (next >= 0 ? `\n${rest.slice(next)}` : '');
  }
  writeFileSync(file, text);
}

async function main(): Promise<void> {
  const load = loadavg();
  const results: SizeResult[] = [];
  for (const n of STARTUP_ONLY ? [] : SIZES) {
    console.log(`${n} projects…`);
    results.push(await measureSize(n));
  }
  const start = SMOKE ? {} : await startup();
  const report = render(results, start, load);
  console.log(report);
  if (WRITE) writeSection(report);
}

if (args[0] === '--child') {
  void child(Number(args[1]));
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
