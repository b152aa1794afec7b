import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';

const root = join(__dirname, '../..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-validate-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process and captures what it writes. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(['node', 'qgov', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const example = (name: string) => join(root, 'examples', name);

describe('qgov validate', () => {
  it.each(['org.yaml', 'resource-group.yaml', 'hierarchy.yaml'])('examples/%s exits 0', async (name) => {
    const r = await run('validate', example(name));
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/: valid \(\d+ projects?, \d+ instances?, \d+ groups?\)\n$/);
    expect(r.code).toBe(0);
  });

  it('a spec with projects `ml` and `chemlab` exits 3 and prints both locations', async () => {
    const text = readFileSync(example('hierarchy.yaml'), 'utf8').replace(/chem-lab/g, 'chemlab');
    const file = write('chemlab.yaml', text);
    const lines = text.split('\n');
    const mlLine = lines.indexOf('  ml:') + 1;
    const chemLine = lines.indexOf('  chemlab:') + 1;
    const r = await run('validate', '--no-color', file);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}:${mlLine}:3: error`);
    expect(r.stderr).toContain(`${file}:${chemLine}:3`);
    expect(r.stdout).toBe('');
  });

  it('an unknown key, a wrong type and an unknown action: three located errors in one run', async () => {
    const file = join(root, 'test/fixtures/diagnostics/three-in-one.yaml');
    const r = await run('validate', file);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`${file}:18:5: error QG012 `));
    expect(r.stderr).toMatch(new RegExp(`${file}:13:32: error QG010 `));
    expect(r.stderr).toMatch(new RegExp(`${file}:10:9: error QG130 `));
    expect(r.stderr).toContain('3 errors, 0 warnings');
  });

  it('--format json writes the versioned document to stdout only', async () => {
    const r = await run('validate', '--format', 'json', join(root, 'test/fixtures/diagnostics/unknown-key.yaml'));
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as { format_version: string; valid: boolean; diagnostics: { code: string }[] };
    expect(doc).toMatchObject({ format_version: '1.0', valid: false, diagnostics: [{ code: 'QG012' }] });
  });

  it('--format sarif writes SARIF 2.1.0 to stdout', async () => {
    const r = await run('validate', '--format', 'sarif', join(root, 'test/fixtures/diagnostics/unknown-key.yaml'));
    expect(r.code).toBe(3);
    const log = JSON.parse(r.stdout) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]?.results.map((x) => x.ruleId)).toEqual(['QG012']);
  });

  it('warnings pass, unless --strict', async () => {
    const text = readFileSync(example('org.yaml'), 'utf8').replace('writers: [ravi@example.com]', 'writers: [!person ravi@example.com]');
    const file = write('warn.yaml', text);
    const lax = await run('validate', file);
    expect(lax.code).toBe(0);
    expect(lax.stderr).toContain('warning QG009');
    expect(lax.stdout).toContain('valid');
    const strict = await run('validate', '--strict', file);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('invalid under --strict');
    const json = await run('validate', '--strict', '--format', 'json', file);
    expect(json.code).toBe(3);
    expect((JSON.parse(json.stdout) as { valid: boolean }).valid).toBe(false);
  });

  it('a missing file is a located finding with exit 1 (an input problem, as README says), not a crash', async () => {
    const r = await run('validate', join(dir, 'absent.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error QG006 cannot read the spec file: no such file');
    const json = await run('validate', '--format', 'json', join(dir, 'absent.yaml'));
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { diagnostics: { code: string }[] }).diagnostics[0]?.code).toBe('QG006');
  });

  it('--out - writes to stdout; --out FILE writes the file; a missing directory exits 1 before any work', async () => {
    const bad = join(root, 'test/fixtures/diagnostics/unknown-key.yaml');
    const dash = await run('validate', '--format', 'sarif', '--out', '-', bad);
    expect(dash.code).toBe(3);
    expect(JSON.parse(dash.stdout)).toHaveProperty('version', '2.1.0');

    const out = join(dir, 'report.json');
    const file = await run('validate', '--format', 'json', '--out', out, bad);
    expect([file.code, file.stdout]).toEqual([3, '']);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveProperty('valid', false);

    const text = join(dir, 'report.txt');
    const t = await run('validate', '--out', text, example('org.yaml'));
    expect([t.code, t.stdout, t.stderr]).toEqual([0, '', '']);
    expect(readFileSync(text, 'utf8')).toMatch(/: valid \(/);

    const missing = join(dir, 'no-such-dir', 'report.json');
    const m = await run('validate', '--format', 'json', '--out', missing, bad);
    expect(m.code).toBe(1);
    expect(m.stderr).toContain('does not exist (qgov does not create it)');
    expect(m.stdout).toBe('');
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
  });

  it('-v and --version print the version; qgov help sandbox serve shows the serve flags', async () => {
    for (const flag of ['-v', '--version']) {
      const r = await run(flag);
      expect([r.code, r.stdout.trim()]).toEqual([0, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version]);
    }
    const h = await run('help', 'sandbox', 'serve');
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Usage: qgov sandbox serve');
    expect(h.stdout).toContain('--apikey');
    expect((await run('help', 'nope')).code).toBe(1);
  });

  it('rejects an unknown --format with exit 1', async () => {
    const r = await run('validate', '--format', 'xml', example('org.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('xml');
  });

  it('never colours piped output', async () => {
    const r = await run('validate', join(root, 'test/fixtures/diagnostics/unknown-key.yaml'));
    expect(r.stderr).not.toContain('\u001b[');
  });
});
