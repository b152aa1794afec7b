import { evaluateAssertions } from '../../../src/access/assertions';
import { toTestDocument } from '../../../src/render/access/test-json';
import { renderJunit } from '../../../src/render/access/test-junit';
import { renderTestText } from '../../../src/render/access/test-text';
import { display } from '../../../src/render/display';
import { plainPalette } from '../../../src/render/palette';
import { serviceRoleId } from '../../../src/access/model';
import { ACCT, NOW, eq, model, policy } from './model-fixture';

/** A live-like model whose names are hostile: an ANSI escape and a bidi override in the group name, markup in the label. */
function hostile() {
  const m = model([policy({ label: 'policy <p&1>', resource: [eq('accountId', ACCT), eq('serviceName', 'quantum-computing')], roleIds: [serviceRoleId('Manager')] })]);
  return { ...m, groups: m.groups.map((g) => ({ ...g, name: 'qr-\x1b[31mml\u202e-writers' })) };
}
const assertions = [
  { name: 'no "deletes" <ever> & \'never\'', who: 'fatima@example.com', cannot: 'job.delete', on: '*' },
  { who: 'ravi@example.com', can: 'job.read', on: 'instance:qa' },
  { who: 'ravi@example.com', can: 'job.read', on: 'instance:qa', until: '2020-01-01' },
];

describe('test reports', () => {
  const results = evaluateAssertions(hostile(), assertions, NOW);

  it('text: control and bidi characters are made visible; summary counts', () => {
    const out = renderTestText(results, plainPalette, 'spec.yaml');
    expect(/\p{Cc}(?<!\n)|\u202e/u.test(out)).toBe(false);
    expect(out).toContain('member of qr-\\x1b[31mml\\u202e-writers → policy policy <p&1> → role Manager → quantum-computing.job.delete');
    expect(out).toContain('ravi@example.com cannot job.read on qa: no path');
    expect(out.trimEnd().split('\n').at(-1)).toBe('3 assertions against spec.yaml: 0 passed, 2 failed, 1 skipped');
  });

  it('junit: well-formed, escaped, one testcase per assertion with failure / skipped', () => {
    const xml = renderJunit(results, { source: 'spec', timestamp: '2026-06-01T12:00:00Z' });
    expect([...xml].some((c) => (c < ' ' && c !== '\n') || c === '\u202e')).toBe(false);
    expect(xml).toContain('<testsuite name="qgov assertions" tests="3" failures="2" errors="0" skipped="1" timestamp="2026-06-01T12:00:00Z">');
    expect(xml).toContain('<testcase name="no &quot;deletes&quot; &lt;ever&gt; &amp; &apos;never&apos;" classname="qgov.assertions.spec" assertions="2">');
    expect(xml).toContain('policy policy &lt;p&amp;1&gt;');
    expect(xml).toContain('<skipped message="until 2020-01-01 has passed"/>');
    // Every tag that opens closes: a rough well-formedness check without an XML parser dependency.
    const tags = [...xml.matchAll(/<(\/?)([a-z]+)[^>]*?(\/?)>/g)].filter((m) => m[3] !== '/');
    const stack: string[] = [];
    for (const [, close, name] of tags) {
      if (close) expect(stack.pop()).toBe(name);
      else stack.push(name);
    }
    expect(stack).toEqual([]);
  });

  it('json: versioned, exact strings, every path', () => {
    const doc = toTestDocument(results, { source: 'live', evaluatedAt: NOW.toISOString() });
    expect(doc.summary).toEqual({ total: 3, passed: 0, failed: 2, skipped: 1, errors: 0 });
    expect(doc.results[0].counter_examples[0].paths[0]).toMatchObject({ policy: 'policy <p&1>', role: 'Manager', condition: 'always', via: { kind: 'static' } });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('secrets in names are masked in every format that prints them', () => {
    const key = 'Qm7x_B3z9Qz-7LmN0pR5tV8wY2cE4gJ6kH1sD0fAa2Zk'; // 44 characters, shaped like an IBM Cloud API key
    const m = { ...hostile(), groups: hostile().groups.map((g) => ({ ...g, name: `grp ${key}` })) };
    const r = evaluateAssertions(m, assertions.slice(0, 1), NOW);
    expect(display(key)).not.toContain(key);
    expect(renderTestText(r, plainPalette, 'spec.yaml')).not.toContain(key);
    expect(renderJunit(r, { source: 'live', timestamp: 'T' })).not.toContain(key);
  });
});
