import { displayCode, displayHtml, displayMarkdown } from '../../render/display';
import { plainPalette } from '../../render/palette';
import { ACTIONS, assertNever } from '../types';
import { describe, showField, who } from './describe';
import { ACTION_STYLE, REASON_TEXT } from './glyphs';
import { type DocChange, type PlanDocV1 } from './json';
import { byProject, cascadeSummary, notesFor, summaryLine } from './text';

/** GitHub's limit on one issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Default size of one markdown part, in UTF-8 bytes: under `GITHUB_COMMENT_LIMIT` with room to spare. */
export const DEFAULT_MAX_BYTES = 65_000;

/** Smallest part size accepted: the head of a plan and one change must fit. */
export const MIN_MAX_BYTES = 2_000;

export interface MarkdownOptions {
  /** Longest part, in UTF-8 bytes (so also in characters); defaults to `DEFAULT_MAX_BYTES`, at least `MIN_MAX_BYTES`. */
  readonly maxBytes?: number;
  /** Where the whole plan is, named in every part when there is more than one (e.g. the saved plan file). */
  readonly fullPlan?: string;
}

/**
 * The plan as pull-request comment(s) (STYLE P8): a pure function of the plan document.
 *
 * The first line is the summary (counts; refusals, broken access assertions, errors, broadened access, drift
 * and conflicts when there are any), then a line naming account, spec and run, a table of counts, the refusals, access broadened,
 * drift, conflicts and diagnostics; each project's changes follow in a collapsed `<details>` block.
 *
 * Inside a project, changes made in place (`~` update, `-/+` replace, `<=` adopt, `@` invite) are a plain
 * list with the glyph in a code span, and only creations and deletions go into a `diff` fence: GitHub
 * colours every fenced line that starts with `-` as a deletion, which would paint `-/+` replacements and
 * `-x` field removals red.
 *
 * Every returned part is at most `maxBytes` long in UTF-8. Parts are split between whole blocks; a project
 * too large for one part is split between changes into numbered pieces. One part means no part header.
 */
export function renderMarkdown(doc: PlanDocV1, opts: MarkdownOptions = {}): string[] {
  const maxBytes = Math.max(opts.maxBytes ?? DEFAULT_MAX_BYTES, MIN_MAX_BYTES);
  const reserve = 400; // the "part i of n" header with its pointer to the full plan, and `firstPartOnly`'s note
  const budget = maxBytes - reserve;

  const blocks = [...headBlocks(doc), ...projectBlocks(doc, budget)].map((b) => clip(b, budget));
  const parts: string[][] = [[]];
  let size = 0;
  for (const b of blocks) {
    const len = bytes(b) + 2;
    if (size > 0 && size + len > budget) {
      parts.push([]);
      size = 0;
    }
    parts[parts.length - 1].push(b);
    size += len;
  }
  const n = parts.length;
  const pointer = opts.fullPlan !== undefined ? ` · the full plan: \`${code(shorten(opts.fullPlan, 120))}\`` : ' · the full plan: `qgov plan --format json` or the saved plan file';
  return parts.map((blocksOf, i) => {
    const header = n > 1 ? `<sub>qgov plan, part ${i + 1} of ${n}${pointer}</sub>\n\n` : '';
    return `${header}${blocksOf.join('\n\n')}\n`;
  });
}

/**
 * The first part alone, for a channel that takes one document (stdout): it already says "part 1 of n" and
 * where the full plan is; a closing note says how to get every part. Within the same `maxBytes` as the part
 * (the renderer reserves room for the note).
 */
export function firstPartOnly(parts: readonly string[]): string {
  const first = parts[0] ?? '';
  if (parts.length <= 1) return first;
  return `${first}\n> **Only part 1 of ${parts.length} is shown.** \`qgov plan --format markdown --out-dir DIR\` writes every part as \`plan-1.md\` … \`plan-${parts.length}.md\`.\n`;
}

/** Keeps the end of a long path (the file name matters most), marking the cut. */
function shorten(s: string, max: number): string {
  return s.length <= max ? s : `…${s.slice(s.length - max + 1)}`;
}

/** Most entries of one list (broadened, drift, …) shown in a comment; the JSON plan has them all. */
const LIST_CAP = 100;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** The summary line: counts first, then what a reviewer must not miss. */
function summary(doc: PlanDocV1): string {
  const s = doc.summary;
  const broken = doc.refusals.filter((r) => r.rule === 'assertion').length;
  const flags = [
    ...(s.refusals > 0 ? [`⛔ ${plural(s.refusals, 'refusal')}`] : []),
    ...(broken > 0 ? [`🧪 ${plural(broken, 'broken assertion')}`] : []),
    ...(s.errors > 0 ? [`❌ ${plural(s.errors, 'error')}`] : []),
    ...(doc.access_broadened.length > 0 ? [`⚠️ access broadened (${doc.access_broadened.length})`] : []),
    ...(s.drift > 0 ? [`${s.drift} drifted`] : []),
    ...(s.conflicts > 0 ? [plural(s.conflicts, 'conflict')] : []),
  ];
  const verdict = s.errors > 0 ? ' — **This plan has errors and cannot be applied.**' : s.refusals > 0 ? ' — **Apply refuses this plan unless the refusals below are lifted.**' : '';
  return `**${summaryLine(doc, plainPalette, 'below')}**${flags.length > 0 ? ` ${flags.join(' · ')}` : ''}${verdict}`;
}

/** The summary and the lists before the changes, one block each so that splitting keeps them whole. */
function headBlocks(doc: PlanDocV1): string[] {
  const blocks: string[] = [];
  const head: string[] = [];
  head.push(summary(doc));
  head.push('');
  head.push(
    `<sub>qgov plan for account \`${code(doc.account_id)}\` · spec \`${code(doc.spec_file)}\` (sha256 \`${code(doc.spec_hash.slice(0, 12))}\`) · run \`${code(doc.run_id)}\` · ${doc.stats.total} API calls</sub>`,
  );
  head.push('');
  head.push('| | Count |', '|---|---:|');
  for (const a of ACTIONS) head.push(`| \`${ACTION_STYLE[a].glyph}\` ${a} | ${doc.summary[a]} |`);
  head.push(`| drift | ${doc.summary.drift} |`, `| conflicts | ${doc.summary.conflicts} |`, `| errors | ${doc.summary.errors} |`, `| refusals | ${doc.summary.refusals} |`);
  blocks.push(head.join('\n'));

  const list = (title: string, intro: string | undefined, items: readonly string[]): void => {
    if (items.length === 0) return;
    const shown = items.slice(0, LIST_CAP).map((i) => `- ${i}`);
    if (items.length > LIST_CAP) shown.push(`- … and ${items.length - LIST_CAP} more (see the JSON plan)`);
    blocks.push([`#### ${title}`, '', ...(intro ? [intro, ''] : []), ...shown].join('\n'));
  };
  list('⛔ Refusals', 'Apply stops before its first write unless these are lifted:', doc.refusals.map((r) => text(r.message)));
  list('⚠️ Access broadened', undefined, doc.access_broadened.map((b) => text(b.summary)));
  list(
    'Drift (changed outside qgov)',
    undefined,
    doc.drift.map((d) => {
      const fate = d.resolution === 'reverted' ? 'the plan restores the spec' : 'left alone (not owned by qgov)';
      const fields = d.fields.length > 0 ? `: ${d.fields.map((f) => `\`${code(showField(f))}\``).join('; ')}` : '';
      return `\`${code(d.address)}\` ${d.class}, ${fate}${fields}`;
    }),
  );
  list(
    'Conflicts (same name, not owned by qgov)',
    undefined,
    doc.conflicts.map((c) => {
      const fate = c.adopted ? 'adopted' : `left untouched${c.blocked.length > 0 ? `, ${c.blocked.length} dependent change(s) withheld` : ''}; ${c.adoptable ? '`--adopt` takes it over' : 'it cannot be adopted (fields IBM cannot change in place differ)'}`;
      return `\`${code(c.address)}\` (id \`${code(c.id)}\`): ${fate}`;
    }),
  );
  list('Diagnostics', undefined, doc.diagnostics.map((d) => `**${d.severity}** \`${code(d.code)}\`${d.location ? ` (\`${code(`${d.location.file}:${d.location.line}:${d.location.col}`)}\`)` : ''}: ${text(d.summary)}`));
  const notes = notesFor(doc);
  if (notes.length > 0) blocks.push(notes.map((n) => `> **Note:** ${text(n)}`).join('\n>\n'));
  return blocks;
}

/** One change as markdown: `diff` lines (create, delete) or a list item with nested field changes (the rest). */
type Unit = { readonly fence: 'diff'; readonly lines: readonly string[] } | { readonly fence: 'list'; readonly lines: readonly string[] };

/** One `<details>` block per project, split between changes when a project alone exceeds `budget`. */
function projectBlocks(doc: PlanDocV1, budget: number): string[] {
  const out: string[] = [];
  for (const [project, changes] of byProject(doc.changes)) {
    const title = project === undefined ? 'account-wide' : `project ${project}`;
    const units = changes.map(unitOf);
    const counts = countsOf(changes);
    const whole = wrap(units, title, counts);
    if (bytes(whole) <= budget) {
      out.push(whole);
      continue;
    }
    const overhead = bytes(wrap([], `${title} (part 999)`, counts)) + 40; // both sections' headings and fences
    let part: Unit[] = [];
    let size = overhead;
    let n = 1;
    for (const u of units) {
      const unit = clipUnit(u, budget - overhead);
      const len = unit.lines.reduce((s, l) => s + bytes(l) + 1, 0);
      if (part.length > 0 && size + len > budget) {
        out.push(wrap(part, `${title} (part ${n})`, counts));
        n += 1;
        part = [];
        size = overhead;
      }
      part.push(unit);
      size += len;
    }
    if (part.length > 0) out.push(wrap(part, `${title} (part ${n})`, counts));
  }
  return out;
}

/** The `<details>` block of some changes of one project: in-place changes as a list, then the `diff` fence. */
function wrap(units: readonly Unit[], label: string, counts: string): string {
  const list = units.filter((u) => u.fence === 'list').flatMap((u) => u.lines);
  const diff = units.filter((u) => u.fence === 'diff').flatMap((u) => u.lines);
  const sections: string[] = [];
  if (list.length > 0) sections.push(list.join('\n'));
  if (diff.length > 0) {
    const fence = fenceFor(diff);
    sections.push(`${fence}diff\n${diff.join('\n')}\n${fence}`);
  }
  return `<details><summary><b>${html(label)}</b>: ${html(counts)}</summary>\n\n${sections.join('\n\n')}${sections.length > 0 ? '\n\n' : ''}</details>`;
}

function unitOf(c: DocChange): Unit {
  const reason = REASON_TEXT[c.reason];
  const item = (label: string, extra = '', after = ''): string => `- \`${ACTION_STYLE[c.action].glyph}\` ${c.action} ${c.kind} \`${code(label)}\`${extra} — ${reason}${after}`;
  const fields = (fs: readonly Parameters<typeof showField>[0][]): string[] => fs.map((f) => `  - \`${code(showField(f))}\``);
  switch (c.action) {
    case 'create':
      return { fence: 'diff', lines: [`+ ${c.kind} ${describe(c.after)} (${reason})`] };
    case 'delete': {
      const lines = [`- ${c.kind} ${describe(c.before)} (${reason})`];
      if (c.cascade.length > 0) lines.push(`    also removes ${cascadeSummary(c.cascade)}`);
      return { fence: 'diff', lines };
    }
    case 'update':
      return { fence: 'list', lines: [item(describe(c.after)), ...fields(c.fields)] };
    case 'replace':
      return {
        fence: 'list',
        lines: [item(describe(c.after), '', `; forces replacement: ${c.forced_by.map((f) => `\`${code(f)}\``).join(', ')}`), ...fields(c.fields)],
      };
    case 'adopt':
      return { fence: 'list', lines: [item(describe(c.after), ` (id \`${code(c.id)}\`)`), ...fields(c.fields)] };
    case 'invite':
      return { fence: 'list', lines: [item(`${who(c.member)}${c.groups.length > 0 ? ` into ${c.groups.join(', ')}` : ''}`)] };
    default:
      return assertNever(c);
  }
}

function countsOf(changes: readonly DocChange[]): string {
  return ACTIONS.map((a) => [a, changes.filter((c) => c.action === a).length] as const)
    .filter(([, n]) => n > 0)
    .map(([a, n]) => `${n} to ${a}`)
    .join(', ');
}

/** A code fence longer than any run of backticks in the content, so names cannot close it early. */
function fenceFor(lines: readonly string[]): string {
  let longest = 0;
  for (const l of lines) for (const m of l.match(/`+/g) ?? []) longest = Math.max(longest, m.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Prose, inline code and HTML text from the document: `display` plus the syntax of each (STYLE P14). */
const text = displayMarkdown;
const code = displayCode;
const html = displayHtml;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/** A change too large for one part keeps as many of its lines as fit, with a marker. */
function clipUnit(u: Unit, max: number): Unit {
  const marker = u.fence === 'diff' ? '  …[truncated: see the full plan]' : '  - …[truncated: see the full plan]';
  let size = bytes(marker) + 1;
  const kept: string[] = [];
  for (const l of u.lines) {
    const line = clip(l, max - size - 1);
    if (size + bytes(line) + 1 > max) return { ...u, lines: [...kept, marker] };
    kept.push(line);
    size += bytes(line) + 1;
  }
  return u;
}

/** Cuts a block to `max` UTF-8 bytes, at a line end when there is one, with a marker. */
function clip(s: string, max: number): string {
  if (bytes(s) <= max) return s;
  const marker = '\n…[truncated]';
  let cut = Buffer.from(s, 'utf8').subarray(0, Math.max(0, max - bytes(marker))).toString('utf8');
  if (cut.endsWith('\ufffd')) cut = cut.slice(0, -1); // a code point cut in half
  const nl = cut.lastIndexOf('\n');
  return `${nl > 0 ? cut.slice(0, nl) : cut}${marker}`;
}
