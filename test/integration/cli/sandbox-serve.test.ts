import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServe } from '../../../src/cli/commands/sandbox-run';
import { UserError } from '../../../src/cli/errors';

describe('qgov sandbox serve', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qgov-serve-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints exactly one line, serves with the seed, and stops cleanly when told to', async () => {
    const seed = join(dir, 'seed.yaml');
    writeFileSync(seed, 'accessGroups:\n  - name: seeded-from-yaml\n');
    const lines: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const serving = runServe({ port: '0', seed: [seed] }, {}, () => stopped, (l) => lines.push(l));
    while (lines.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(lines).toHaveLength(1);
    const m = /^qgov sandbox listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0] as string);
    expect(m).not.toBeNull();
    const url = (m as RegExpExecArray)[1] as string;
    const tok = await fetch(`${url}/identity/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=qgov-sandbox-apikey-0000000000000000000000000',
    });
    const token = ((await tok.json()) as { access_token: string }).access_token;
    const groups = await fetch(`${url}/v2/groups?account_id=a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5&hide_public_access=true`, { headers: { Authorization: `Bearer ${token}` } });
    expect(((await groups.json()) as { groups: { name: string }[] }).groups.map((g) => g.name)).toEqual(['seeded-from-yaml']);
    stop();
    await serving;
    await expect(fetch(`${url}/v2/groups`)).rejects.toThrow();
  });

  it('turns a corrupt state file, a bad seed or bad flags into a clear user error', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, 'not json');
    const never = (): Promise<void> => new Promise(() => undefined);
    await expect(runServe({ port: '0', state: bad }, {}, never, () => undefined)).rejects.toThrow(UserError);
    await expect(runServe({ port: '0', state: bad }, {}, never, () => undefined)).rejects.toThrow(/bad\.json is unreadable/);
    const seed = join(dir, 'bad-seed.yaml');
    writeFileSync(seed, 'groups: []\n');
    await expect(runServe({ port: '0', seed: [seed] }, {}, never, () => undefined)).rejects.toThrow(/unknown section 'groups'/);
    await expect(runServe({ port: 'x' }, {}, never, () => undefined)).rejects.toThrow(/--port/);
  });

  const built = existsSync(join(__dirname, '../../../dist/cli/main.js'));
  (built ? it : it.skip)('runs from the built CLI and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(__dirname, '../../../bin/qgov'), 'sandbox', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 10_000;
    while (!out.includes('\n') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
    expect(out).toMatch(/^qgov sandbox listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(out.split('\n').filter((l) => l !== '')).toHaveLength(1);
  });
});
