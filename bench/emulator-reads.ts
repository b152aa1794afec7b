/**
 * Read throughput of the emulator with a large account in state: 2,000 access groups (2 members and 5
 * policies each, so 10,000 policies). The emulator runs in a child process; this process is the load
 * generator (keep-alive HTTP on 127.0.0.1, bounded by request count and time).
 *
 * The read mix runs twice: as the account owner (who bypasses authorization, as on IBM Cloud) and as a
 * read-only CI service ID (Viewer on account management and on all services, Reader, Viewer on resource
 * groups), whose every request is authorized and whose lists are filtered policy by policy.
 *
 * Run: `node -r ./bench/register.js bench/emulator-reads.ts [seconds=5] [concurrency=32] [maxRequests=100000]`
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

const GROUPS = 2000;
const POLICIES_PER_GROUP = 5;
const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const READER_ID = 'ServiceId-00000000-0000-4000-8000-00000bench01';
const READER_KEY = 'bench-ci-reader-apikey-00000000';
const groupId = (i: number): string => `AccessGroupId-bench-${String(i).padStart(5, '0')}`;
const memberId = (i: number, k: number): string => `IBMid-B${String(i).padStart(5, '0')}M${k}`;

/** The seed document: groups with fixed ids, members, and five distinct policies per group. */
function seedDoc(): Record<string, unknown> {
  const accessGroups = Array.from({ length: GROUPS }, (_, i) => ({
    id: groupId(i),
    name: `qr-bench-${i}-${i % 2 === 0 ? 'readers' : 'writers'}`,
    description: 'benchmark group',
    members: [memberId(i, 0), memberId(i, 1)],
  }));
  const policies = accessGroups.flatMap((g, i) =>
    Array.from({ length: POLICIES_PER_GROUP }, (_, k) => ({
      type: 'access',
      subjects: [{ attributes: [{ name: 'access_group_id', value: g.id }] }],
      roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Reader' }],
      resources: [
        {
          attributes: [
            { name: 'accountId', value: ACCOUNT },
            { name: 'serviceName', value: 'quantum-computing' },
            { name: 'serviceInstance', value: `bench-instance-${i}-${k}` },
          ],
        },
      ],
    })),
  );
  const reader = { key: 'iam_id', operator: 'stringEquals', value: `iam-${READER_ID}` };
  const ciPolicy = (roles: string[], attr: { key: string; value: string }): Record<string, unknown> => ({
    type: 'access',
    subject: { attributes: [reader] },
    control: { grant: { roles: roles.map((role_id) => ({ role_id })) } },
    resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: ACCOUNT }, { ...attr, operator: 'stringEquals' }] },
  });
  const V = 'crn:v1:bluemix:public:iam::::role:Viewer';
  policies.push(
    ciPolicy([V], { key: 'serviceType', value: 'platform_service' }) as (typeof policies)[number],
    ciPolicy([V, 'crn:v1:bluemix:public:iam::::serviceRole:Reader'], { key: 'serviceType', value: 'service' }) as (typeof policies)[number],
    ciPolicy([V], { key: 'resourceType', value: 'resource-group' }) as (typeof policies)[number],
  );
  return { serviceIds: [{ name: 'ci-reader', id: READER_ID, apikey: READER_KEY }], accessGroups, policies };
}

async function child(): Promise<void> {
  const { startEmulator } = await import('../src/emulator/server');
  const t0 = performance.now();
  const emu = await startEmulator({ host: '127.0.0.1', port: 0, accountId: ACCOUNT, seeds: [seedDoc()] });
  process.send?.({ url: emu.url, apiKey: emu.config.apiKey, seedMs: performance.now() - t0 });
  process.on('message', (m) => {
    if (m === 'stop') void emu.close().then(() => process.exit(0));
  });
}

interface Kind {
  readonly name: string;
  readonly method: 'GET' | 'HEAD';
  path(rand: () => number): string;
}

const pick = (rand: () => number, n: number): number => Math.floor(rand() * n);
const KINDS: readonly Kind[] = [
  { name: 'get group', method: 'GET', path: (r) => `/v2/groups/${groupId(pick(r, GROUPS))}` },
  { name: 'list groups page', method: 'GET', path: (r) => `/v2/groups?account_id=${ACCOUNT}&limit=100&offset=${pick(r, GROUPS)}` },
  { name: 'groups of member', method: 'GET', path: (r) => `/v2/groups?account_id=${ACCOUNT}&iam_id=${memberId(pick(r, GROUPS), 0)}` },
  { name: 'list members', method: 'GET', path: (r) => `/v2/groups/${groupId(pick(r, GROUPS))}/members?verbose=true` },
  {
    name: 'is member (HEAD)',
    method: 'HEAD',
    path: (r) => {
      const i = pick(r, GROUPS);
      return `/v2/groups/${groupId(i)}/members/${memberId(i, 1)}`;
    },
  },
  { name: 'policies of group', method: 'GET', path: (r) => `/v1/policies?account_id=${ACCOUNT}&access_group_id=${groupId(pick(r, GROUPS))}` },
  { name: 'policies v2 page', method: 'GET', path: () => `/v2/policies?account_id=${ACCOUNT}&limit=100` },
];

function call(agent: Agent, base: URL, method: string, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, method, path, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function getToken(url: string, apiKey: string): Promise<string> {
  const r = await fetch(`${url}/identity/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: apiKey }).toString(),
  });
  return String(((await r.json()) as Record<string, unknown>).access_token);
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** Warm-up, then the measured run of the read mix with `token`. */
async function measure(
  agent: Agent,
  base: URL,
  token: string,
  rand: () => number,
  seconds: number,
  concurrency: number,
  maxRequests: number,
): Promise<{ done: number; elapsed: number; statuses: Map<number, number>; lat: Map<string, number[]> }> {
  for (let i = 0; i < 200; i++) {
    const k = KINDS[i % KINDS.length] as Kind;
    await call(agent, base, k.method, k.path(rand), token);
  }
  const lat = new Map<string, number[]>(KINDS.map((k) => [k.name, []]));
  const statuses = new Map<number, number>();
  let done = 0;
  let issued = 0;
  const deadline = performance.now() + seconds * 1000;
  const t = performance.now();
  const worker = async (w: number): Promise<void> => {
    let i = w;
    while (issued < maxRequests && performance.now() < deadline) {
      issued++;
      const k = KINDS[i++ % KINDS.length] as Kind;
      const t0 = performance.now();
      const status = await call(agent, base, k.method, k.path(rand), token);
      (lat.get(k.name) as number[]).push(performance.now() - t0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - t) / 1000;
  return { done, elapsed, statuses, lat };
}

async function parent(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 5);
  const concurrency = Number(process.argv[3] ?? 32);
  const maxRequests = Number(process.argv[4] ?? 100_000);
  const proc: ChildProcess = fork(__filename, ['--child'], { execArgv: ['-r', require.resolve('./register.js'), ...(process.env.EMU_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/e1/prof'] : [])] });
  const ready = await new Promise<{ url: string; apiKey: string; seedMs: number }>((resolve, reject) => {
    proc.once('message', (m) => resolve(m as { url: string; apiKey: string; seedMs: number }));
    proc.once('exit', (code) => reject(new Error(`emulator child exited early (${code})`)));
  });
  try {
    const base = new URL(ready.url);
    const token = await getToken(ready.url, ready.apiKey);
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };

    // Whole-list traversal: 2,001 groups at limit=100 (21 pages), timed end to end.
    const t = performance.now();
    let offset = 0;
    let pages = 0;
    for (;;) {
      const r = await fetch(`${ready.url}/v2/groups?account_id=${ACCOUNT}&limit=100&offset=${offset}`, { headers: { Authorization: `Bearer ${token}` } });
      const j = (await r.json()) as { next?: { href: string }; groups: unknown[] };
      pages++;
      if (!j.next) break;
      offset = Number(new URL(j.next.href).searchParams.get('offset'));
    }
    const traversalMs = performance.now() - t;

    const results = [];
    for (const [who, tok] of [['owner (no checks)', token], ['read-only CI identity (authorized)', await getToken(ready.url, READER_KEY)]] as const) {
      results.push({ who, ...(await measure(agent, base, tok, rand, seconds, concurrency, maxRequests)) });
    }
    agent.destroy();

    const fmt = (n: number): string => n.toFixed(2);
    console.log(`emulator reads: ${GROUPS} groups, ${GROUPS * 2} memberships, ${GROUPS * POLICIES_PER_GROUP} policies (seeded in ${(ready.seedMs / 1000).toFixed(2)} s)`);
    console.log(`load: ${concurrency} keep-alive connections, ${seconds} s or ${maxRequests} requests, node ${process.version}`);
    console.log(`full group listing: ${pages} pages of 100 in ${traversalMs.toFixed(1)} ms`);
    for (const { who, done, elapsed, statuses, lat } of results) {
      console.log(`\nas ${who}: ${done} requests in ${elapsed.toFixed(2)} s = ${Math.round(done / elapsed)} req/s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
      console.log('| request | count | p50 ms | p99 ms |');
      console.log('|---|---|---|---|');
      for (const [name, xs] of lat) console.log(`| ${name} | ${xs.length} | ${fmt(percentile(xs, 50))} | ${fmt(percentile(xs, 99))} |`);
    }
  } finally {
    proc.send('stop');
  }
}

if (process.argv.includes('--child')) void child();
else
  parent().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
