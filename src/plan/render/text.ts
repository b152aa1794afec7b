import { display as show } from '../../render/display';
import { type Palette } from '../../render/palette';
import { ACTIONS, assertNever } from '../types';
import { describe, showField, who } from './describe';
import { ACTION_STYLE, REASON_TEXT } from './glyphs';
import { type DocChange, type PlanDocV1 } from './json';

/**
 * The human plan (STYLE P8): a pure function of the plan document and a palette, returning the whole text
 * (the CLI writes it). Sections, in order: header, refusals, access broadened, drift, conflicts,
 * diagnostics, changes grouped by project (account-wide first), notes, and the summary line
 * `Plan: 3 to create, 1 to update, 0 to replace, 2 to delete, 1 to invite.` or
 * `No changes. The account matches the spec.` Empty sections are left out.
 *
 * Every string that comes from the account or the spec (names, ids, messages that quote them) passes through
 * `display` (STYLE P14) before the palette colours it, so it cannot move the cursor or hide itself.
 */
export function renderText(doc: PlanDocV1, palette: Palette): string {
  const p = palette;
  const out: string[] = [];
  out.push(p.bold(`qgov plan for account ${show(doc.account_id)}`) + p.dim(` · spec ${show(doc.spec_file)} (sha256 ${show(doc.spec_hash.slice(0, 12))}) · run ${show(doc.run_id)}`));

  if (doc.refusals.length > 0) {
    out.push('', p.err('Refusals: apply will stop before its first write unless these are lifted'));
    for (const r of doc.refusals) out.push(`  ${p.err('✗')} ${show(r.message)}`);
  }

  if (doc.access_broadened.length > 0) {
    out.push('', p.warn('Access broadened:'));
    for (const b of doc.access_broadened) out.push(`  ${p.warn('!')} ${show(b.summary)}`);
  }

  if (doc.drift.length > 0) {
    out.push('', p.bold('Drift: changed outside qgov since it last applied the spec'));
    for (const d of doc.drift) {
      const what =
        d.class === 'modified'
          ? `modified${d.spec_also_changed ? ' (the spec changed too)' : ''}`
          : d.class === 'removed'
            ? 'removed'
            : 'added';
      const fate = d.resolution === 'reverted' ? 'the plan restores the spec' : 'left alone: qgov does not own it';
      const glyph = d.class === 'modified' ? p.chg('~') : d.class === 'removed' ? p.del('-') : p.add('+');
      out.push(`  ${glyph} ${show(d.address)}${d.id !== undefined ? p.dim(` (id ${show(d.id)})`) : ''}: ${what}; ${fate}`);
      for (const f of d.fields) out.push(`      ${p.chg('~')} ${showField(f)}`);
    }
  }

  if (doc.conflicts.length > 0) {
    out.push('', p.bold('Conflicts: objects with the spec\'s names that qgov does not own'));
    for (const c of doc.conflicts) {
      const fate = c.adopted
        ? 'adopted (--adopt)'
        : `left untouched${c.blocked.length > 0 ? `, with ${c.blocked.length} dependent change(s) withheld` : ''}; ${c.adoptable ? '--adopt takes it over' : 'it cannot be adopted (fields IBM cannot change in place differ)'}`;
      out.push(`  ${p.warn('!')} ${show(c.address)} ${p.dim(`(id ${show(c.id)})`)}: ${fate}`);
      for (const f of c.fields) out.push(`      ${p.chg('~')} ${showField(f)}`);
    }
  }

  const errors = doc.diagnostics.filter((d) => d.severity === 'error');
  const warnings = doc.diagnostics.filter((d) => d.severity === 'warning');
  if (errors.length > 0) {
    out.push('', p.err(`Errors (${errors.length}): this plan cannot be applied`));
    for (const d of errors) out.push(`  ${p.err('✗')} ${where(d)}${show(d.summary)} ${p.dim(`[${show(d.code)}]`)}`);
  }
  if (warnings.length > 0) {
    out.push('', p.warn('Warnings:'));
    for (const d of warnings) out.push(`  ${p.warn('!')} ${where(d)}${show(d.summary)} ${p.dim(`[${show(d.code)}]`)}`);
  }

  if (doc.changes.length > 0) {
    out.push('', p.bold('Changes:'));
    for (const [project, changes] of byProject(doc.changes)) {
      out.push('', `  ${p.bold(project === undefined ? 'account-wide' : `project ${show(project)}`)}`);
      for (const c of changes) out.push(...changeLines(c, p));
    }
  }

  const notes = notesFor(doc);
  if (notes.length > 0) out.push('', ...notes.map((n) => p.dim(`Note: ${n}`)));

  out.push('', summaryLine(doc, p));
  return `${out.join('\n')}\n`;
}

/** `Plan: 3 to create, …, 1 to invite.` (adopt only when non-zero) or the no-changes sentence. */
export function summaryLine(doc: PlanDocV1, p: Palette, details: 'above' | 'below' = 'above'): string {
  if (!doc.has_changes) {
    const open = [
      ...(doc.summary.conflicts > 0 ? [`${doc.summary.conflicts} conflict${doc.summary.conflicts === 1 ? '' : 's'}`] : []),
      ...(doc.summary.errors > 0 ? [`${doc.summary.errors} error${doc.summary.errors === 1 ? '' : 's'}`] : []),
    ];
    return open.length === 0
      ? p.bold('No changes. The account matches the spec.')
      : p.bold(`No changes planned, but the account does not match the spec: ${open.join(' and ')} (see ${details}).`);
  }
  const parts = ACTIONS.filter((a) => a !== 'adopt' || doc.summary.adopt > 0).map((a) => `${doc.summary[a]} to ${a}`);
  return p.bold(`Plan: ${parts.join(', ')}.`);
}

/** Changes grouped by project, account-wide first, keeping the document's order otherwise. */
export function byProject(changes: readonly DocChange[]): [string | undefined, DocChange[]][] {
  const groups = new Map<string | undefined, DocChange[]>();
  if (changes.some((c) => c.project === undefined)) groups.set(undefined, []);
  for (const c of changes) {
    const list = groups.get(c.project) ?? [];
    list.push(c);
    groups.set(c.project, list);
  }
  return [...groups];
}

/** The lines of one change: glyph, kind, label, reason; then field diffs and consequences, indented. */
export function changeLines(c: DocChange, p: Palette): string[] {
  const style = ACTION_STYLE[c.action];
  const colour = p[style.colour];
  const pad = ' '.repeat(3 - style.glyph.length);
  const head = (label: string): string => `    ${pad}${colour(style.glyph)} ${c.kind} ${label} ${p.dim(`(${REASON_TEXT[c.reason]})`)}`;
  switch (c.action) {
    case 'create':
      return [head(describe(c.after))];
    case 'update':
      return [head(describe(c.after)), ...c.fields.map((f) => `          ${p.chg('~')} ${showField(f)}`)];
    case 'replace':
      return [
        head(describe(c.after)),
        ...c.fields.map((f) => `          ${p.chg('~')} ${showField(f)}`),
        `          ${p.del(`forces replacement: ${c.forced_by.map(show).join(', ')}`)}`,
      ];
    case 'delete': {
      const lines = [head(describe(c.before))];
      if (c.cascade.length > 0) lines.push(`          ${p.del(`also removes ${cascadeSummary(c.cascade)}`)}`);
      return lines;
    }
    case 'adopt':
      return [head(`${describe(c.after)} ${p.dim(`(id ${show(c.id)})`)}`), ...c.fields.map((f) => `          ${p.chg('~')} ${showField(f)}`)];
    case 'invite':
      return [head(`${who(c.member)}${c.groups.length > 0 ? ` into ${c.groups.map(show).join(', ')}` : ''}`)];
    default:
      return assertNever(c);
  }
}

/** `2 memberships, 1 dynamic rule and 3 policies` from cascade addresses. */
export function cascadeSummary(addresses: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const a of addresses) {
    const kind = a.slice(0, a.indexOf(':'));
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const word = (k: string, n: number): string => {
    const w = k.replace(/-/g, ' ');
    return n === 1 ? w : w.endsWith('y') ? `${w.slice(0, -1)}ies` : `${w}s`;
  };
  const parts = [...counts].map(([k, n]) => `${n} ${show(word(k, n))}`);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** Notes the reader should not miss, derived from the document. */
export function notesFor(doc: PlanDocV1): string[] {
  const notes: string[] = [];
  const removesMembers = doc.changes.some((c) => c.action === 'delete' && (c.kind === 'membership' || c.cascade.some((a) => a.startsWith('membership:'))));
  if (removesMembers) {
    notes.push('members of qgov-owned access groups that the spec does not list are removed: group membership is authoritative.');
  }
  if (doc.summary.invite > 0) notes.push('invited users join their groups when they accept; their temporary grants follow on a later run.');
  return notes;
}

/** `file:line:col: ` of a diagnostic that traces back to the spec, as validate prints locations. */
function where(d: PlanDocV1['diagnostics'][number]): string {
  return d.location ? `${show(d.location.file)}:${d.location.line}:${d.location.col}: ` : '';
}
