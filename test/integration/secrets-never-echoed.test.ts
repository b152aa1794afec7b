import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli';

/**
 * For every secret rule (QG180–QG184) and the secret-named key (QG019), with the secret as a value, as a
 * map key and inside other fields whose messages quote their value: no output of `validate` (text, json,
 * sarif) and none of `plan`'s diagnostics on stderr contains the secret's bytes (STYLE P14).
 */
const KEY = 'Xq7vR2mK9pL4sT8wZ1nB6cY3hJ5fD0gA-uE_oI2rW7kQ'; // 44 characters, random-looking
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJJQk1pZC0xMjM0NTYifQ.c2lnbmF0dXJlLWJ5dGVz';
const BEARER = 'AbCdEfGhIjKlMnOpQrStUvWx0123456789';
const PEM_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';
const PASSWORD = 'Sup3rS3cretPassw0rd';
const HEX_KEY = '0123456789abcdef0123456789abcdef0123456789ab';

const BASE = (projectExtra: string, top = '') => `apiVersion: qgov/v1
account: { id: a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5 }
${top}roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
instances:
  QR-ml: {}
projects:
  ml:
    instances: [QR-ml]
    writers: [fatima@example.com]
${projectExtra}`;

const cases: readonly { name: string; code: string; secret: string; yaml: string }[] = [
  { name: 'api key in a description', code: 'QG180', secret: KEY, yaml: BASE(`    description: "key ${KEY} for CI"\n`) },
  { name: 'api key as a map key', code: 'QG180', secret: KEY, yaml: BASE(`  ${KEY}:\n    instances: [QR-ml]\n`) },
  { name: 'api key as a member', code: 'QG180', secret: KEY, yaml: BASE(`    readers: [${KEY}]\n`) },
  { name: 'bearer token', code: 'QG181', secret: BEARER, yaml: BASE(`    description: "Authorization: Bearer ${BEARER}"\n`) },
  { name: 'jwt', code: 'QG182', secret: JWT, yaml: BASE(`    description: ${JWT}\n`) },
  { name: 'jwt as a member', code: 'QG182', secret: JWT, yaml: BASE(`    readers: ["${JWT}"]\n`) },
  {
    name: 'private key',
    code: 'QG183',
    secret: PEM_BODY,
    yaml: BASE(`    description: "-----BEGIN PRIVATE KEY-----\\n${PEM_BODY}\\n-----END PRIVATE KEY-----"\n`),
  },
  {
    name: 'private key block scalar',
    code: 'QG183',
    secret: PEM_BODY,
    yaml: BASE(`    description: |\n      -----BEGIN RSA PRIVATE KEY-----\n      ${PEM_BODY}\n      -----END RSA PRIVATE KEY-----\n`),
  },
  { name: 'url password', code: 'QG184', secret: PASSWORD, yaml: BASE(`    description: "mirror https://bot:${PASSWORD}@git.example.com/x"\n`) },
  {
    name: 'url password in the realm',
    code: 'QG184',
    secret: PASSWORD,
    yaml: BASE('', `identityProvider: { realm: "https://bot:${PASSWORD}@appid.example.com/oauth/v4/t" }\n`),
  },
  { name: 'url password as a member', code: 'QG184', secret: PASSWORD, yaml: BASE(`    readers: ["https://bot:${PASSWORD}@example.com"]\n`) },
  { name: 'secret-named key', code: 'QG019', secret: HEX_KEY, yaml: BASE('', `apikey: ${HEX_KEY}\n`) },
  { name: 'secret-named key, quoted', code: 'QG019', secret: PASSWORD, yaml: BASE('', `password: "${PASSWORD}"\n`) },
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-secrets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(cases.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
  const file = () => {
    const f = join(dir, `case-${i}.yaml`);
    writeFileSync(f, c.yaml);
    return f;
  };
  // The secret's own bytes, and (for long ones) any 12-character piece of it.
  const leaks = (out: string): string[] => {
    const pieces = [c.secret];
    for (let k = 0; k + 12 <= c.secret.length; k += 6) pieces.push(c.secret.slice(k, k + 12));
    return pieces.filter((p) => out.includes(p));
  };

  it.each(['text', 'json', 'sarif'])('validate --format %s reports it and never shows it', async (format) => {
    const r = await runCli(['validate', '--no-color', '--format', format, file()], { cwd: process.cwd() });
    expect(r.code).toBe(3);
    expect(r.stdout + r.stderr).toContain(c.code);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });

  it('plan prints the diagnostics on stderr without it', async () => {
    const r = await runCli(['plan', '--no-color', file()], { cwd: process.cwd() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(c.code);
    expect(leaks(r.stdout + r.stderr)).toEqual([]);
  });
});
