import { join } from 'node:path';
import { type Observed, type ObservedState } from '../../../src/model/resources';
import { renderMarkdown } from '../../../src/plan/render/markdown';
import { renderText } from '../../../src/plan/render/text';
import { plainPalette, type Palette } from '../../../src/render/palette';
import { expectGolden } from '../../helpers/golden';
import { ACCOUNT, desiredOf, edit, NOW, ORG_YAML, ROOT, toObserved } from './helpers';
import { docOf, type Scenario } from './scenarios';

/**
 * Live names are attacker-controlled (anyone with IAM write access names groups): a name with `\r` and
 * ANSI escapes must not erase its own `- delete` line, and markdown in a name must not become markup in the
 * pull-request comment (STYLE P14). One golden file per format guards it; JSON keeps the bytes exact.
 */
const DIR = join(ROOT, 'test', 'fixtures', 'plans');

/** Erases the line so far, then prints a harmless-looking create in its place. */
const EVIL_NAME = 'qr-ml-writers-old\r\x1b[2K    + access-group qr-ok (new in the spec)\x1b[0m';
const EVIL_DESCRIPTION = 'made by \u202eevil\u202c <img src=x onerror=alert(1)> [link](https://x.example) | `code` **bold** &#8238;';
const LOOKALIKE = 'qr-ml-wr\u0435ters\u200b';

function hostile(): Scenario {
  const d = desiredOf(ORG_YAML);
  const converged = toObserved(d);
  const owned = (name: string, description: string, id: string): Observed => ({
    kind: 'access-group',
    address: `access-group:${name}`,
    attrs: { name, description },
    id,
    fingerprint: 'f0f0f0f0f0f0',
    ownership: 'owned',
  });
  let observed: ObservedState = {
    ...converged,
    resources: [...converged.resources, owned(EVIL_NAME, 'old', 'AccessGroupId-evil\x1b]0;pwned\x07'), owned(LOOKALIKE, EVIL_DESCRIPTION, 'AccessGroupId-lookalike')],
  };
  observed = edit(observed, 'access-group:qr-ml-readers', (o) => (o.kind === 'access-group' ? { ...o, attrs: { ...o.attrs, description: EVIL_DESCRIPTION } } : o));
  return { name: 'hostile', desired: d, observed, opts: { now: NOW, adopt: false, invite: true } };
}

const tagged: Palette = {
  add: (s) => `<add>${s}</add>`,
  del: (s) => `<del>${s}</del>`,
  chg: (s) => `<chg>${s}</chg>`,
  dim: (s) => `<dim>${s}</dim>`,
  bold: (s) => `<b>${s}</b>`,
  err: (s) => `<err>${s}</err>`,
  warn: (s) => `<warn>${s}</warn>`,
};

/** Characters no rendered line may hold: C0 but newline, DEL, C1, bidi controls, zero-width characters. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

describe('a plan with hostile live names', () => {
  const doc = docOf(hostile());

  test('the scenario deletes the hostile group and reports the description drift', () => {
    expect(doc.changes.some((c) => c.action === 'delete' && c.address === `access-group:${EVIL_NAME}`)).toBe(true);
  });

  test('text: every control and invisible character is escaped', () => {
    const out = renderText(doc, plainPalette);
    expect(out).not.toMatch(RAW);
    expect(out).toContain('qr-ml-writers-old\\r\\x1b[2K');
    expect(out).toContain('qr-ml-wr\u0435ters\\u200b');
    expectGolden(join(DIR, 'hostile.txt'), out);
  });

  test('colour text: only the palette adds markup', () => {
    const out = renderText(doc, tagged);
    expect(out).not.toMatch(RAW);
    expectGolden(join(DIR, 'hostile.color.txt'), out);
  });

  test('markdown: names are escaped as text, never markup', () => {
    const [md] = renderMarkdown(doc);
    expect(md).not.toMatch(RAW);
    // Code spans and fences show their content literally; outside them nothing of a name may be markup.
    const prose = md.replace(/^(`{3,})diff\n[\s\S]*?\n\1$/gm, '').replace(/`[^`\n]*`/g, '');
    expect(prose).not.toContain('<img');
    expect(prose).not.toContain('&#8238;');
    expect(prose).not.toMatch(/(?<!\\)\[link\]/);
    // Inside code spans, no backtick of a name closes the span early.
    for (const line of md.split('\n').filter((l) => !l.startsWith('```'))) expect((line.match(/`/g) ?? []).length % 2).toBe(0);
    expectGolden(join(DIR, 'hostile.md'), md);
  });

  test('json keeps the names exact and stays valid JSON', () => {
    const json = JSON.stringify(doc, null, 2);
    const back = JSON.parse(json) as typeof doc;
    expect(back).toEqual(doc);
    expect(back.changes.some((c) => c.address === `access-group:${EVIL_NAME}`)).toBe(true);
    expect(back.account_id).toBe(ACCOUNT);
  });
});
