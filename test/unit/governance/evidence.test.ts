import { generateKeyPairSync } from 'node:crypto';
import { packEvidence, verifyEvidence } from '../../../src/governance/evidence';

const files = [
  { name: 'review.md', data: Buffer.from('# review\n\n| a | b |\n') },
  { name: 'spec.yaml', data: Buffer.from('apiVersion: qgov/v1\n') },
  { name: 'plan.json', data: Buffer.from('{"format_version":"1"}\n') },
];
const meta = { createdAt: '2026-12-01T09:00:00.000Z', accountId: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5', spec: { file: 'org.yaml', sha256: 'ab'.repeat(32) }, journal: { included: false, status: 'absent' as const, detail: 'no journal' } };

describe('evidence packages', () => {
  it('verify an untouched package, signed or not', async () => {
    const plain = await packEvidence(files, meta);
    expect(await verifyEvidence(plain)).toMatchObject({ ok: true, problems: [] });
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signed = await packEvidence(files, meta, privateKey);
    expect(await verifyEvidence(signed, { publicKey })).toMatchObject({ ok: true, problems: [] });
    expect((await verifyEvidence(signed)).notes.join('\n')).toMatch(/not pinned/);
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    expect((await packEvidence(files, meta)).equals(await packEvidence(files, meta))).toBe(true);
  });

  it('fails after any single byte changes, at every position', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const archive = await packEvidence(files, meta, privateKey);
    const failures: number[] = [];
    for (let i = 0; i < archive.length; i++) {
      const bad = Buffer.from(archive);
      bad[i] = bad[i] ^ 0x01;
      const r = await verifyEvidence(bad, { publicKey });
      if (r.ok) failures.push(i);
    }
    expect(failures).toEqual([]);
  });

  it('fails with another key, without a signature when a key is pinned, and on appended bytes', async () => {
    const a = generateKeyPairSync('ed25519');
    const b = generateKeyPairSync('ed25519');
    const signed = await packEvidence(files, meta, a.privateKey);
    expect((await verifyEvidence(signed, { publicKey: b.publicKey })).problems.join('\n')).toMatch(/another key/);
    const plain = await packEvidence(files, meta);
    expect((await verifyEvidence(plain, { publicKey: a.publicKey })).ok).toBe(false);
    expect((await verifyEvidence(Buffer.concat([plain, Buffer.from([0])]))).ok).toBe(false);
  });

  it('refuses unsafe names and non-Ed25519 keys when packing', async () => {
    await expect(packEvidence([{ name: '../x', data: Buffer.alloc(1) }], meta)).rejects.toThrow(/bad or duplicate/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    await expect(packEvidence(files, meta, rsa.privateKey)).rejects.toThrow(/Ed25519/);
  });
});
