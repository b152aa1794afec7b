import { inspect } from 'node:util';
import { apiKeyCredential, parseCredentialsFile, resolveCredentials, type CredentialDeps } from '../../../src/cloud/credentials';

const KEY = 'zz-distinctive-key-7f3a9c-do-not-print';

function deps(env: Record<string, string>, files: Record<string, string> = {}): CredentialDeps {
  return { env, readFile: (p) => files[p], cwd: '/proj', home: '/home/u' };
}

describe('resolveCredentials', () => {
  test('IBMCLOUD_API_KEY first, then IC_API_KEY', () => {
    const a = resolveCredentials(deps({ IBMCLOUD_API_KEY: KEY, IC_API_KEY: 'other' }));
    expect(a.ok && a.credential.reveal()).toBe(KEY);
    expect(a.ok && a.credential.source).toEqual({ kind: 'env', name: 'IBMCLOUD_API_KEY' });
    const b = resolveCredentials(deps({ IBMCLOUD_API_KEY: ' ', IC_API_KEY: KEY }));
    expect(b.ok && b.credential.source).toEqual({ kind: 'env', name: 'IC_API_KEY' });
  });

  test('IBM_CREDENTIALS_FILE: QGOV_APIKEY wins, else agreeing service keys', () => {
    const f1 = resolveCredentials(deps({ IBM_CREDENTIALS_FILE: '/c.env' }, { '/c.env': `# c\nIAM_ACCESS_GROUPS_APIKEY=x\nQGOV_APIKEY="${KEY}"\n` }));
    expect(f1.ok && f1.credential.reveal()).toBe(KEY);
    const f2 = resolveCredentials(
      deps({ IBM_CREDENTIALS_FILE: '/c.env' }, { '/c.env': `IAM_ACCESS_GROUPS_APIKEY=${KEY}\nRESOURCE_CONTROLLER_APIKEY=${KEY}\nOTHER=1` }),
    );
    expect(f2.ok && f2.credential.source).toEqual({ kind: 'file', path: '/c.env', entry: 'IAM_ACCESS_GROUPS_APIKEY' });
  });

  test('disagreeing service keys are refused without printing them', () => {
    const r = resolveCredentials(deps({ IBM_CREDENTIALS_FILE: '/c.env' }, { '/c.env': `IAM_IDENTITY_APIKEY=${KEY}\nGLOBAL_TAGGING_APIKEY=${KEY}2` }));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/different API keys .*QGOV_APIKEY/);
      expect(r.message).not.toContain(KEY);
    }
  });

  test('the default credentials files: ./ibm-credentials.env, then ~/ibm-credentials.env', () => {
    const r = resolveCredentials(deps({}, { '/home/u/ibm-credentials.env': `QGOV_APIKEY=${KEY}` }));
    expect(r.ok && r.credential.source).toEqual({ kind: 'file', path: '/home/u/ibm-credentials.env', entry: 'QGOV_APIKEY' });
  });

  test('a named file that cannot be read is an error', () => {
    const r = resolveCredentials(deps({ IBM_CREDENTIALS_FILE: '/nope.env' }));
    expect(r).toEqual({ ok: false, message: 'IBM_CREDENTIALS_FILE names /nope.env, which cannot be read.' });
  });

  test('missing everywhere: names the variables and --sandbox', () => {
    const r = resolveCredentials(deps({}));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      for (const word of ['IBMCLOUD_API_KEY', 'IC_API_KEY', 'IBM_CREDENTIALS_FILE', '--sandbox']) expect(r.message).toContain(word);
    }
  });

  test('keys wrapped in quotes or braces are refused (the SDK would throw an unhelpful error)', () => {
    const r = resolveCredentials(deps({ IBMCLOUD_API_KEY: `{${KEY}}` }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toContain(KEY);
  });
});

describe('apiKeyCredential never shows the key', () => {
  const c = apiKeyCredential(KEY, { kind: 'env', name: 'IBMCLOUD_API_KEY' });
  test.each([
    ['JSON.stringify', () => JSON.stringify({ c })],
    ['util.inspect', () => inspect(c, { depth: 5 })],
    ['template string', () => `${String(c)}`],
    ['console-style formatting', () => inspect({ nested: { c } })],
  ])('%s', (_n, f) => {
    const text = f();
    expect(text).not.toContain(KEY);
    expect(text).toMatch(/IBMCLOUD_API_KEY/);
  });
  test('redact replaces every occurrence', () => {
    expect(c.redact(`a ${KEY} b ${KEY}`)).toBe('a *** b ***');
  });
});

test('parseCredentialsFile', () => {
  expect([...parseCredentialsFile("# x\n\nA=1\n B = '2' \nnot a line\n=3\nC=a=b\r\n")]).toEqual([
    ['A', '1'],
    ['B', '2'],
    ['C', 'a=b'],
  ]);
});
