import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountLockPath, acquireAccountLock, acquireLock, DEFAULT_LOCK_MAX_AGE_MS } from '../../../src/apply/lock';

const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('acquireLock', () => {
  it('acquires, reports the holder to a second caller, and releases only its own lock', async () => {
    const first = await acquireAccountLock(join(dir, '.qgov'), ACCOUNT, { runId: 'run-1' });
    expect(first.status).toBe('acquired');
    const path = accountLockPath(join(dir, '.qgov'), ACCOUNT);
    expect(path).toBe(join(dir, '.qgov', `lock-${ACCOUNT}`));
    const onDisk = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(onDisk).toMatchObject({ pid: process.pid, runId: 'run-1' });

    const second = await acquireLock(path, { runId: 'run-2' });
    expect(second).toEqual({ status: 'held', path, holder: expect.objectContaining({ pid: process.pid, runId: 'run-1' }) });
    if (first.status !== 'acquired') return;
    await first.lock.release();
    expect(existsSync(path)).toBe(false);
    const third = await acquireLock(path, { runId: 'run-3' });
    expect(third.status).toBe('acquired');
    // run-1's release again must not remove run-3's lock.
    await first.lock.release();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ runId: 'run-3' });
    expect(readdirSync(join(dir, '.qgov'))).toEqual([`lock-${ACCOUNT}`]); // no temporary files left
  });

  it('takes over a lock whose pid is dead on this host, or that is older than the maximum age', async () => {
    const path = join(dir, 'lock-x');
    writeFileSync(path, JSON.stringify({ pid: 424242, host: 'this-host', startedAt: new Date().toISOString(), runId: 'dead' }));
    const dead = await acquireLock(path, { runId: 'me', host: 'this-host', isAlive: () => false });
    expect(dead.status).toBe('acquired');

    writeFileSync(path, JSON.stringify({ pid: 1, host: 'other-host', startedAt: '2020-01-01T00:00:00.000Z', runId: 'old' }));
    const old = await acquireLock(path, { runId: 'me', host: 'this-host', isAlive: () => true });
    expect(old.status).toBe('acquired');
  });

  it('is not blocked by a takeover lock a crashed process left behind', async () => {
    const path = join(dir, 'lock-x');
    const dead = JSON.stringify({ pid: 424242, host: 'this-host', startedAt: new Date().toISOString(), runId: 'dead' });
    writeFileSync(path, dead);
    writeFileSync(`${path}.steal`, dead);
    const r = await acquireLock(path, { runId: 'me', host: 'this-host', isAlive: (pid) => pid !== 424242, waitMs: 30_000, pollMs: 1 });
    expect(r.status).toBe('acquired');
    expect(readdirSync(dir).sort()).toEqual(['lock-x']);
  });

  it('keeps a lock held by a live pid, or by another host within the maximum age', async () => {
    const path = join(dir, 'lock-x');
    const now = new Date('2026-12-01T10:00:00Z');
    writeFileSync(path, JSON.stringify({ pid: 7, host: 'this-host', startedAt: now.toISOString(), runId: 'live' }));
    expect((await acquireLock(path, { runId: 'me', host: 'this-host', isAlive: () => true, now: () => now })).status).toBe('held');
    writeFileSync(path, JSON.stringify({ pid: 7, host: 'elsewhere', startedAt: now.toISOString(), runId: 'remote' }));
    const later = new Date(now.getTime() + DEFAULT_LOCK_MAX_AGE_MS - 1);
    expect((await acquireLock(path, { runId: 'me', host: 'this-host', isAlive: () => false, now: () => later })).status).toBe('held');
  });

  it('reports an unreadable lock as held without a holder', async () => {
    const path = join(dir, 'lock-x');
    writeFileSync(path, 'garbage');
    expect(await acquireLock(path, { runId: 'me' })).toEqual({ status: 'held', path });
  });

  it('waits (bounded) for a lock to be released', async () => {
    const path = join(dir, 'lock-x');
    const a = await acquireLock(path, { runId: 'a' });
    if (a.status !== 'acquired') throw new Error('expected to acquire');
    const waiting = acquireLock(path, { runId: 'b', waitMs: 30_000, pollMs: 5 });
    setImmediate(() => void a.lock.release());
    expect((await waiting).status).toBe('acquired');
  });

  it('rejects an account id that could name another path', () => {
    expect(() => accountLockPath(dir, '../x')).toThrow(RangeError);
  });
});

// Child processes use the built module (npm run build); CI builds before testing.
const built = join(__dirname, '../../../dist/apply/lock.js');
(existsSync(built) ? describe : describe.skip)('acquireLock across processes', () => {
  /**
   * Runs `n` node processes with `code` (which sees `lock`, `path`, `log` and prints one status line), all
   * released at once. With `hold`, each child then waits for its stdin to close, which the parent does only
   * once every child has printed: so the winner still holds the lock while the others try.
   */
  async function race(n: number, code: string, hold: boolean): Promise<string[]> {
    const path = join(dir, 'lock-race');
    const log = join(dir, 'log');
    const script = `const lock = require(${JSON.stringify(built)}); const path = ${JSON.stringify(path)}; const log = ${JSON.stringify(log)};
      const fs = require('node:fs');
      const closed = new Promise((r) => process.stdin.on('end', r));
      process.stdin.once('data', async () => { ${code}; await closed; });
      process.stdin.resume();
      process.stdout.write('ready\\n');`;
    const children = Array.from({ length: n }, () => spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const outs = children.map((c) => {
      let out = '';
      c.stdout.on('data', (d: Buffer) => (out += d.toString()));
      return { c, get: () => out, exited: new Promise<void>((r) => c.on('exit', () => r())) };
    });
    const status = (o: { get: () => string }) => o.get().replace('ready\n', '').trim();
    while (outs.some((o) => !o.get().includes('ready\n'))) await new Promise((r) => setTimeout(r, 10));
    for (const o of outs) o.c.stdin.write('go\n');
    if (hold) while (outs.some((o) => status(o) === '')) await new Promise((r) => setTimeout(r, 10));
    for (const o of outs) o.c.stdin.end();
    await Promise.all(outs.map((o) => o.exited));
    return outs.map(status);
  }

  it('lets exactly one of several racing processes acquire', async () => {
    const results = await race(
      6,
      `const r = await lock.acquireLock(path, { runId: 'r' + process.pid });
       process.stdout.write(r.status + '\\n');`,
      true,
    );
    expect(results.filter((r) => r === 'acquired')).toHaveLength(1);
    expect(results.filter((r) => r === 'held')).toHaveLength(5);
  });

  it('gives waiting processes the lock one at a time (mutual exclusion), and a dead holder does not block', async () => {
    const results = await race(
      5,
      `const r = await lock.acquireLock(path, { runId: 'r' + process.pid, waitMs: 60000, pollMs: 5 });
       fs.appendFileSync(log, 'enter ' + process.pid + '\\n');
       await new Promise((res) => setTimeout(res, 20));
       fs.appendFileSync(log, 'exit ' + process.pid + '\\n');
       // Every other child dies holding the lock: the next one must take over the stale lock.
       if (process.pid % 2 === 0) await r.lock.release();
       process.stdout.write(r.status + '\\n');`,
      false,
    );
    expect(results).toEqual(Array(5).fill('acquired'));
    const lines = readFileSync(join(dir, 'log'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(10);
    for (let i = 0; i < lines.length; i += 2) {
      expect(lines[i]).toMatch(/^enter \d+$/);
      expect(lines[i + 1]).toBe(`exit ${(lines[i] as string).slice('enter '.length)}`);
    }
  });
});
