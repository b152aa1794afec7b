import fc from 'fast-check';
import { looksLikeApiKey } from '../../../../src/render/mask';
import { rule } from '../../../../src/spec/lint/no-secrets';
import { brief, instance, project, run, spec } from './fixture';

// Fabricated values with the shape of real credentials; none of them is a real secret.
const FAKE_KEY = 'Xy7_Qp2LmN9vRt4KbW8sZc1HdF6gJ0aUeYo3iTnM5-rP';
const FAKE_JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('looksLikeApiKey', () => {
  it('accepts random base64url keys of 44 characters', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 44, maxLength: 44 }), (chars) => {
        const key = chars.join('');
        // The documented blind spot: keys that are mostly lower-case word-like runs (about 1 in 10,000).
        const wordy = (key.match(/[a-z]{4,}/g) ?? []).join('').length >= 22;
        const oneClass = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(key)).length < 2;
        fc.pre(!wordy && !oneClass);
        expect(looksLikeApiKey(key)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects names of the same length', () => {
    for (const name of [
      'Quantum-Research-Team-2026-Instance-Primary1',
      'QR-some-long-instance-name-for-the-ml-team-x',
      'ProjectAlphaBetaGammaDeltaEpsilonZeta2026Abc',
      'x'.repeat(44),
    ]) {
      expect([name, looksLikeApiKey(name)]).toEqual([name, false]);
    }
  });
});

describe('no-secrets (QG180–QG184)', () => {
  it('finds nothing in an ordinary spec with long names and URLs', () => {
    const s = spec({
      instances: { 'Quantum-Research-Team-2026-Instance-Primary1': instance() },
      projects: { ml: project({ instances: ['Quantum-Research-Team-2026-Instance-Primary1'], description: 'see https://example.com/wiki/ml' }) },
    });
    expect(run(rule, s)).toEqual([]);
  });

  it('reports an API key anywhere, without repeating it', () => {
    const ds = run(rule, spec({ projects: { ml: project({ description: `key=${FAKE_KEY}` }) } }));
    expect(brief(ds)).toEqual(['QG180 error @ projects.ml.description']);
    expect(ds[0].summary).toBe('this value looks like an IBM Cloud API key: credentials belong in the environment');
    expect(JSON.stringify(ds)).not.toContain(FAKE_KEY);
  });

  it('reports Bearer tokens, JWTs, private keys, URL passwords and secret-looking keys', () => {
    const s = spec({
      account: { id: `Bearer abcdefghijklmnopqrstuvwxyz0123` },
      identityProvider: { realm: 'https://admin:hunter2@appid.example.com/oauth', claim: 'project', sessionHours: 12 },
      protected: [FAKE_JWT, '-----BEGIN RSA PRIVATE KEY-----\nMIIE...'],
      instances: { [FAKE_KEY]: instance() },
      projects: { ml: project({ instances: [FAKE_KEY] }) },
    });
    expect(brief(run(rule, s))).toEqual([
      'QG181 error @ account.id',
      'QG184 error @ identityProvider.realm',
      `QG180 error @ instances.${FAKE_KEY}`,
      `QG180 error @ projects.ml.instances.0`,
      'QG182 error @ protected.0',
      'QG183 error @ protected.1',
    ]);
    expect(run(rule, s)[2].target).toBe('key');
  });
});
