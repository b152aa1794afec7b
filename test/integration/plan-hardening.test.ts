import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator } from '../../src/emulator/server';
import { NO_FAULTS } from '../../src/emulator/faults';
import { type PlanDocV1 } from '../../src/plan/render/json';
import { startTestEmulator } from '../helpers/emulator';
import { runCli } from '../helpers/run-cli';
import { sessionFor } from './plan-helpers';

/**
 * The hardening issue's "done when" for plan, end to end through the CLI and the real SDK: credentials for
 * another account are caught, a silent endpoint fails within the timeout, a throttled account still plans,
 * account findings point at spec lines, and plans that cannot be applied never exit 0.
 */
const KEY = 'QGOVHARDENKEY-0b8f-must-never-be-printed';
const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const spec = (account: string, writers = 'fatima@example.com') => `apiVersion: qgov/v1
account: { id: ${account} }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
instances:
  QR-ml: { plan: premium }
projects:
  ml:
    instances: [QR-ml]
    writers: [${writers}]
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-harden-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(text: string): string {
  const f = join(dir, 'org.yaml');
  writeFileSync(f, text);
  return f;
}

const run = (args: string[], endpoint: string) => runCli(args, { cwd: dir, env: { HOME: dir, QGOV_ENDPOINT: endpoint, IBMCLOUD_API_KEY: KEY } });

describe('against the emulator', () => {
  let emu: Emulator;
  afterEach(async () => emu.close());

  test('credentials for another account are caught from the token, before any read', async () => {
    emu = await startTestEmulator({ apiKey: KEY, accountId: 'ffffffffffffffffffffffffffffffff' });
    const r = await run(['plan', write(spec(ACCOUNT))], emu.url);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the API key belongs to account ffffffffffffffffffffffffffffffff, but the spec governs account a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5');
    const stats = (await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { routes?: { route: string }[] };
    expect(JSON.stringify(stats)).not.toContain('/v2/groups');
  });

  test('plan succeeds against an account throttled to 2 requests/s', async () => {
    emu = await startTestEmulator({ apiKey: KEY, accountId: ACCOUNT, faults: { ...NO_FAULTS, rateLimit: { rps: 2, burst: 2 } } });
    const r = await run(['plan', write(spec(ACCOUNT)), '--format', 'json', '--detailed-exitcode'], emu.url);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as PlanDocV1;
    expect(doc.summary.create).toBeGreaterThan(0);
    expect(doc.stats.routes.some((x) => x.retries > 0)).toBe(true);
  }, 60_000);

  test('an unresolved member with --no-invite is an error at its spec line, exit 1 with or without --detailed-exitcode', async () => {
    emu = await startTestEmulator({ apiKey: KEY, accountId: ACCOUNT });
    const file = write(spec(ACCOUNT, 'nobody-here@example.com'));
    for (const extra of [[], ['--detailed-exitcode']]) {
      const r = await run(['plan', file, '--no-invite', ...extra], emu.url);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`${file}:11:15: member nobody-here@example.com`);
    }
    const json = await run(['plan', file, '--no-invite', '--format', 'json'], emu.url);
    const doc = JSON.parse(json.stdout) as PlanDocV1;
    expect(doc.applyable).toBe(false);
    expect(doc.diagnostics.find((d) => d.code === 'unresolved-member')?.location).toEqual({ file, line: 11, col: 15 });
  });
});

test('a live look-alike of a spec name is flagged where the plan shows it', async () => {
  const emu = await startTestEmulator({ apiKey: KEY, accountId: ACCOUNT });
  try {
    const s = sessionFor(emu);
    // "qr-ml-wrеters" with a Cyrillic е, marked as if qgov made it: in the namespace, so owned and deleted —
    // and the plan says what it looks like.
    await s.clients.accessGroups.createAccessGroup({ accountId: ACCOUNT, name: 'qr-ml-wr\u0435ters', description: 'x [qgov h=5f3a9c1d2e4b]' });
    const r = await run(['plan', write(spec(ACCOUNT)), '--format', 'json'], emu.url);
    const doc = JSON.parse(r.stdout) as PlanDocV1;
    const w = doc.diagnostics.find((d) => d.code === 'confusable-name');
    expect(w?.summary).toMatch(/U\+0435 looks like "e"/);
    expect(doc.changes.find((c) => c.action === 'delete')?.address).toBe('access-group:qr-ml-wr\u0435ters');
  } finally {
    await emu.close();
  }
});

test('a plan whose planned state breaks an access assertion is refused (exit 5) with the counter-example', async () => {
  const emu = await startTestEmulator({ apiKey: KEY, accountId: ACCOUNT });
  try {
    const assertion = 'assertions:\n  - { who: ravi@example.com, cannot: quantum-computing.job.create, on: "instance:QR-ml" }\n';
    const holds = `${spec(ACCOUNT)}    readers: [ravi@example.com]\n${assertion}`;
    expect((await run(['plan', write(holds), '--detailed-exitcode'], emu.url)).code).toBe(2);
    // Making ravi a writer breaks it.
    const breaks = `${spec(ACCOUNT, 'fatima@example.com, ravi@example.com')}${assertion}`;
    const r = await run(['plan', write(breaks), '--format', 'json'], emu.url);
    expect(r.code).toBe(5);
    const doc = JSON.parse(r.stdout) as PlanDocV1;
    expect(doc.applyable).toBe(false);
    const refusal = doc.refusals.find((x) => x.rule === 'assertion');
    expect(refusal?.message).toMatch(/breaks assertion .*ravi@example\.com.* can quantum-computing\.job\.create on QR-ml: member of qr-ml-writers → policy .* → role QRwriter → quantum-computing\.job\.create/);
  } finally {
    await emu.close();
  }
});

describe('the network cannot hang a plan', () => {
  let server: Server;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });

  test('an endpoint that accepts connections and never answers fails within --timeout, naming the host and the call', async () => {
    server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const started = Date.now();
    const r = await run(['plan', write(spec(ACCOUNT)), '--timeout', '300ms'], `http://127.0.0.1:${port}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`127.0.0.1:${port} did not answer within 300 ms (see --timeout)`);
    expect(r.stderr).toMatch(/iam_token\.getToken failed/);
    // Generous bound: the point is "returns", not how fast (no timed assertion on the machine's speed).
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(r.stderr).not.toContain(KEY);
  });

  test('a refused connection says so instead of "did not answer"', async () => {
    server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise((r) => server.close(r));
    server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const r = await run(['plan', write(spec(ACCOUNT))], `http://127.0.0.1:${port}`);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`127.0.0.1:${port} refused the connection`);
  });
});
