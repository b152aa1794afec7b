import { describeGrant } from '../../access/describe';
import { explain } from '../../access/explain';
import { renderExplainText } from '../../render/access/explain-text';
import { parseAction, parseOn, parseWho } from '../../access/selectors';
import { accessSourceProblems, loadAccessModel } from '../access-source';
import { UserError } from '../errors';
import { type ExplainFlags } from './explain';

/**
 * read → explain (pure) → write. Bad `--who`, `--action` or `--on` words are flag errors (exit 1) found
 * before the spec is read; "no path" is an answer, not an error (exit 0).
 */
export async function runExplain(file: string, flags: ExplainFlags, ui: { color: boolean }): Promise<void> {
  const problems = accessSourceProblems(flags);
  const who = parseWho(flags.who);
  if (!who.ok) problems.push(`--who: ${who.error}`);
  if (flags.action !== undefined) {
    const a = parseAction(flags.action);
    if (!a.ok) problems.push(`--action: ${a.error}`);
  }
  if (flags.on !== undefined) {
    const o = parseOn(flags.on);
    if (!o.ok) problems.push(`--on: ${o.error}`);
  }
  if (problems.length > 0) throw new UserError(problems.join('; '));
  const now = new Date();
  const { model } = await loadAccessModel(
    file,
    {
      live: flags.live === true,
      sandbox: flags.sandbox === true,
      ...(flags.sandboxState !== undefined ? { sandboxState: flags.sandboxState } : {}),
      jsonDiagnostics: flags.format === 'json',
      color: ui.color,
      whoOf: () => [flags.who],
    },
    now,
  );
  const q = { who: flags.who, ...(flags.action !== undefined ? { action: flags.action } : {}), ...(flags.on !== undefined ? { on: flags.on } : {}) };
  const r = explain(model, q, now);
  if (!r.ok) throw new UserError(r.error);
  if (flags.format === 'json') {
    const doc = {
      format_version: 1,
      source: flags.live ? 'live' : 'spec',
      query: q,
      subjects: r.value.map((s) => ({
        principal: s.principal,
        memberships: s.memberships,
        entries: s.entries.map((e) => ({ ...e, grants: e.grants.map((g) => ({ ...g, text: describeGrant(g) })), inactive: e.inactive.map((g) => ({ ...g, text: describeGrant(g) })) })),
      })),
    };
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    process.stdout.write(renderExplainText(r.value, q));
  }
  void ui;
}
