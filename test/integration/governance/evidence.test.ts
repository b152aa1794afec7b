import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal } from '../../../src/apply/journal';
import { type Emulator } from '../../../src/emulator/server';
import { evidenceFiles, verifyEvidence } from '../../../src/governance/evidence';
import { ACCOUNT, brownfieldSeed } from '../../fixtures/brownfield/seed';
import { startTestEmulator } from '../../helpers/emulator';
import { KEY, runQgov } from './cli-helpers';

const NOW = new Date();
let emu: Emulator;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-evidence-'));
  emu = await startTestEmulator({ apiKey: KEY, seeds: [brownfieldSeed(NOW)] as never });
  expect((await runQgov(['export', '--account', ACCOUNT, '--out', 'org.yaml'], { url: emu.url, cwd: dir })).code).toBe(0);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(dir, 'sign.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(join(dir, 'sign.pub'), publicKey.export({ type: 'spki', format: 'pem' }));
  const opened = await openJournal(join(dir, '.qgov', 'journal.jsonl'), { runId: 'r1' });
  if (!opened.ok) throw new Error('journal');
  await opened.writer.appendRecord({ type: 'run-start', run: 'r1', actor: 'IBMid-6600QGOV01', account: ACCOUNT, qgovVersion: '0.1.0', planHash: 'ab'.repeat(32) });
  await opened.writer.appendRecord({ type: 'run-end', run: 'r1', counts: { done: 0, failed: 0, skipped: 0, cancelled: 0 }, exitCode: 0, wallMs: 1 });
  await opened.writer.close();
  writeFileSync(join(dir, 'broken.jsonl'), '{"event":"not a journal record"}\n');
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('qgov evidence', () => {
  it('packs review, journal, spec and hash, plan and a signed manifest; verify passes, and fails after any changed byte', async () => {
    const packed = await runQgov(['evidence', 'org.yaml', '--out', 'ev.tar.gz', '--sign-key', 'sign.pem'], { url: emu.url, cwd: dir });
    expect(packed.stderr).toMatch(/evidence written to ev\.tar\.gz: 8 files, signed; journal verified/);
    expect(packed.code).toBe(0);
    const archive = readFileSync(join(dir, 'ev.tar.gz'));
    const check = await verifyEvidence(archive);
    expect(check.files).toEqual(['manifest.json', 'manifest.sig', 'journal.jsonl', 'plan.json', 'review.json', 'review.md', 'spec.sha256', 'spec.yaml']);
    expect(check.manifest?.journal).toMatchObject({ included: true, status: 'verified' });

    const ok = await runQgov(['evidence', 'verify', 'ev.tar.gz', '--public-key', 'sign.pub'], { url: emu.url, cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/OK — 8 files, every SHA-256 matches, signature valid; journal verified/);

    for (const at of [0, 5, 9, 10, Math.floor(archive.length / 3), Math.floor(archive.length / 2), archive.length - 9, archive.length - 1]) {
      const bad = Buffer.from(archive);
      bad[at] = (bad[at] as number) ^ 0x20;
      writeFileSync(join(dir, 'bad.tar.gz'), bad);
      const r = await runQgov(['evidence', 'verify', 'bad.tar.gz', '--public-key', 'sign.pub'], { url: emu.url, cwd: dir });
      expect({ at, code: r.code }).toEqual({ at, code: 1 });
      expect(r.stderr).toMatch(/qgov: bad\.tar\.gz: /);
    }
  });

  it('includes the plan of the spec against the account now, the spec and its hash', async () => {
    expect((await runQgov(['evidence', 'org.yaml', '--out', 'ev2.tar.gz'], { url: emu.url, cwd: dir })).code).toBe(0);
    const files = await evidenceFiles(readFileSync(join(dir, 'ev2.tar.gz')));
    const plan = JSON.parse(String(files.get('plan.json'))) as { account_id: string; spec_hash: string; conflicts: unknown[] };
    expect(plan.account_id).toBe(ACCOUNT);
    // Nothing is adopted yet: every exported object is a conflict until `plan --adopt` takes it over.
    expect(plan.conflicts.length).toBeGreaterThan(0);
    expect(String(files.get('spec.yaml'))).toBe(readFileSync(join(dir, 'org.yaml'), 'utf8'));
    expect(String(files.get('spec.sha256'))).toBe(`${plan.spec_hash}  org.yaml\n`);
    expect(String(files.get('review.md'))).toMatch(/^# Qiskit Runtime access review/);
  });

  it('packs a journal that fails verification with the verdict, never hiding it', async () => {
    const r = await runQgov(['evidence', 'org.yaml', '--out', 'ev3.tar.gz', '--journal', 'broken.jsonl'], { url: emu.url, cwd: dir });
    expect(r.stderr).toMatch(/journal failed/);
    const check = await verifyEvidence(readFileSync(join(dir, 'ev3.tar.gz')));
    expect(check.ok).toBe(true);
    expect(check.manifest?.journal.status).toBe('failed');
  });

  it('refuses a missing --out and a non-Ed25519 key', async () => {
    expect((await runQgov(['evidence', 'org.yaml'], { url: emu.url, cwd: dir })).stderr).toMatch(/--out FILE\.tar\.gz is required/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(join(dir, 'rsa.pem'), rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const r = await runQgov(['evidence', 'org.yaml', '--out', 'x.tar.gz', '--sign-key', 'rsa.pem'], { url: emu.url, cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/an Ed25519 key is needed/);
  });
});
