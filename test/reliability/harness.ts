import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createSession, type CloudSession } from '../../src/cloud/client';
import { apiKeyCredential } from '../../src/cloud/credentials';
import { resolveEndpoints } from '../../src/cloud/endpoints';

/**
 * The reliability suite's rig: `qgov sandbox serve` in its own process, `qgov apply` / `plan` as separate
 * processes through the built CLI (`node bin/qgov`), exactly as a pipeline runs them. The profile picks
 * how much to run: `ci` (the default, a few minutes) or `full` (`QGOV_RELIABILITY=full`).
 */
export const ROOT = join(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'qgov');
export const KEY = 'QGOVRELIABILITYKEY-9d3f-never-printed';
export const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
export const FULL = process.env.QGOV_RELIABILITY === 'full';

export interface Sandbox {
  readonly url: string;
  readonly dir: string;
  setFaults(spec: string): Promise<void>;
  reset(): Promise<void>;
  /** Calls per `METHOD route` so far. */
  stats(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function startSandbox(): Promise<Sandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'qgov-rel-'));
  const child = spawn(process.execPath, [BIN, 'sandbox', 'serve', '--port', '0', '--apikey', KEY, '--account', ACCOUNT, '--provision-delay', '100'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    rl.on('line', (l) => {
      const m = /listening on (http:\/\/\S+)/.exec(l);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
  });
  const hook = async (path: string, init?: RequestInit): Promise<Response> => {
    const r = await fetch(`${url}/__emulator/${path}`, init);
    if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
    return r;
  };
  return {
    url,
    dir,
    setFaults: async (spec) => void (await hook('faults', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec }) })),
    reset: async () => void (await hook('reset', { method: 'POST' })),
    stats: async () => {
      const s = (await (await hook('stats')).json()) as { byRoute: Record<string, { total: number }> };
      return Object.fromEntries(Object.entries(s.byRoute).map(([k, v]) => [k, v.total]));
    },
    close: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `qgov <args>` as its own process in `cwd` against the sandbox. `killAfterMs` sends `signal` (SIGKILL) then. */
export function qgov(sb: Sandbox, cwd: string, args: readonly string[], opts: { killAfterMs?: number; signal?: NodeJS.Signals } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child: ChildProcess = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, QGOV_ENDPOINT: sb.url, IBMCLOUD_API_KEY: KEY, NO_COLOR: '1', HOME: cwd },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = opts.killAfterMs !== undefined ? setTimeout(() => child.kill(opts.signal ?? 'SIGKILL'), opts.killAfterMs) : undefined;
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export function workDir(): string {
  return mkdtempSync(join(tmpdir(), 'qgov-rel-work-'));
}

export function exampleText(name: string): string {
  return readFileSync(join(ROOT, 'examples', name), 'utf8');
}

export function sessionOf(sb: Sandbox): CloudSession {
  const eps = resolveEndpoints({}, { sandboxUrl: sb.url });
  if (!eps.ok) throw new Error(eps.problems.join('; '));
  return createSession({ credential: apiKeyCredential(KEY, { kind: 'sandbox' }), endpoints: eps.endpoints, accountId: ACCOUNT, runId: 'reliability' });
}

/** A small seeded PRNG (mulberry32), so a failing seed can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
