import { type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../../src/cli/main';

/**
 * README's commands table and commander's command tree must agree, for every command there is and will be:
 * each leaf command has a row `qgov <path> …` whose flags are exactly its visible options, and the row
 * `qgov [--debug] …` lists the program's own options.
 */
const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
const table = readme.slice(readme.indexOf('## Commands'), readme.indexOf('### Exit codes'));
const rows = [...table.matchAll(/^\| `(qgov[^`]*)` \|/gm)].map((m) => (m[1] as string).replace(/\\\|/g, '|'));

/** `--flag` names in a README row or a commander option (`-v, --version` → `--version`; `--no-x` kept). */
const flagsIn = (s: string): string[] => [...new Set([...s.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]))].sort();
const optionFlags = (c: Command): string[] =>
  [...c.options.filter((o) => !o.hidden).map((o) => o.long ?? ''), ...(c.name() === 'qgov' ? ['--help'] : [])].filter((f) => f !== '').sort();

/** Commands that run something: the leaves, and commands with an action of their own (`evidence` besides `evidence verify`). */
function leaves(c: Command, path: string[] = []): { path: string[]; cmd: Command }[] {
  const subs = c.commands;
  if (subs.length === 0) return [{ path, cmd: c }];
  const runsItself = path.length > 0 && (c as unknown as { _actionHandler?: unknown })._actionHandler != null;
  return [...(runsItself ? [{ path, cmd: c }] : []), ...subs.flatMap((s) => leaves(s, [...path, s.name()]))];
}

const program = buildProgram();

describe('README commands table', () => {
  const all = leaves(program);

  it('covers the command tree', () => {
    expect(all.length).toBeGreaterThanOrEqual(4);
  });

  it.each(all.map((l) => [l.path.join(' '), l] as const))('qgov %s: every flag documented, every documented flag real', (name, l) => {
    const row = rows.find((r) => r === `qgov ${name}` || r.startsWith(`qgov ${name} `));
    expect([name, row !== undefined]).toEqual([name, true]);
    expect(flagsIn(row ?? '')).toEqual(optionFlags(l.cmd));
  });

  it('the row of the global options matches the program\'s options', () => {
    const row = rows.find((r) => r.startsWith('qgov ['));
    expect(flagsIn(row ?? '')).toEqual(optionFlags(program));
  });

  it('has no row for a command that does not exist', () => {
    const names = new Set(all.map((l) => `qgov ${l.path.join(' ')}`));
    for (const r of rows.filter((x) => !x.startsWith('qgov ['))) {
      const words = r.split(' ').filter((w) => /^[a-z][a-z-]*$/.test(w));
      expect([r, names.has(`qgov ${words.join(' ')}`) || [...names].some((n) => r.startsWith(`${n} `) || r === n)]).toEqual([r, true]);
    }
  });
});
