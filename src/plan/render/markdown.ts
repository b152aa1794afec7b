import { displayCode, displayHtml, displayMarkdown } from '../../render/display';
import { plainPalette } from '../../render/palette';
import { ACTIONS } from '../types';
import { showField } from './describe';
import { ACTION_STYLE } from './glyphs';
import { type DocChange, type PlanDocV1 } from './json';
import { byProject, changeLines, notesFor, summaryLine } from './text';

/** GitHub's limit on one issue or pull-request comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_535;

export interface MarkdownOptions {
  /** Longest comment body; defaults to `GITHUB_COMMENT_LIMIT`. */
  readonly maxChars?: number;
  /** Most comments to produce; further content is cut with a note. Defaults to no limit (split only). */
  readonly maxComments?: number;
}

/**
 * The plan as pull-request comment(s) (STYLE P8): a pure function of the plan document. The first comment
 * starts with the summary line and a table of counts, then refusals, access broadened, drift, conflicts and
 * diagnostics; each project's changes follow in a collapsed `<details>` block with a `diff` code fence.
 *
 * Every returned string is at most `maxChars` long. Content is split between whole blocks; a project too
 * large for one comment is split into numbered parts; with `maxComments`, what does not fit is replaced
 * by a note saying how much was left out and where to find the full plan.
 */
export function renderMarkdown(doc: PlanDocV1, opts: MarkdownOptions = {}): string[] {
  const maxChars = Math.max(opts.maxChars ?? GITHUB_COMMENT_LIMIT, 1_000);
  const maxComments = Math.max(opts.maxComments ?? Number.POSITIVE_INFINITY, 1);
  const reserve = 200; // room for the "part i of n" header and a truncation note
  const budget = maxChars - reserve;

  const blocks = [...headBlocks(doc), ...projectBlocks(doc, budget)].map((b) => clip(b, budget));
  const comments: string[][] = [[]];
  let size = 0;
  for (const b of blocks) {
    if (size > 0 && size + b.length + 2 > budget) {
      comments.push([]);
      size = 0;
    }
    comments[comments.length - 1].push(b);
    size += b.length + 2;
  }

  let kept = comments;
  let cutNote = '';
  if (comments.length > maxComments) {
    kept = comments.slice(0, maxComments);
    const dropped = comments.slice(maxComments).reduce((n, c) => n + c.length, 0);
    cutNote = `> **Truncated:** ${dropped} more section(s) did not fit in ${maxComments} comment(s). The full plan is in the JSON output (\`qgov plan --format json\`) or the saved plan file.`;
  }
  const n = kept.length;
  return kept.map((blocksOf, i) => {
    const header = n > 1 ? `<sub>qgov plan, part ${i + 1} of ${n}</sub>\n\n` : '';
    const body = blocksOf.join('\n\n');
    const tail = i === n - 1 && cutNote ? `\n\n${cutNote}` : '';
    return `${header}${body}${tail}\n`;
  });
}

/** Most entries of one list (broadened, drift, …) shown in a comment; the JSON plan has them all. */
const LIST_CAP = 100;

/** The summary and the lists before the changes, one block each so that splitting keeps them whole. */
function headBlocks(doc: PlanDocV1): string[] {
  const blocks: string[] = [];
  const head: string[] = [];
  head.push(`### qgov plan for account \`${code(doc.account_id)}\``);
  head.push('');
  const verdict = doc.summary.errors > 0 ? ' **This plan has errors and cannot be applied.**' : doc.summary.refusals > 0 ? ' **Apply refuses this plan unless the refusals below are lifted.**' : '';
  head.push(`**${summaryLine(doc, plainPalette, 'below')}**${verdict}`);
  head.push('');
  head.push(`<sub>spec \`${code(doc.spec_file)}\` (sha256 \`${code(doc.spec_hash.slice(0, 12))}\`) · run \`${code(doc.run_id)}\` · ${doc.stats.total} API calls</sub>`);
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

/** One `<details>` block per project, split into parts when a project alone exceeds `budget`. */
function projectBlocks(doc: PlanDocV1, budget: number): string[] {
  const out: string[] = [];
  for (const [project, changes] of byProject(doc.changes)) {
    const title = project === undefined ? 'account-wide' : `project ${project}`;
    const lines = changes.flatMap((c) => changeLines(c, plainPalette).map(trimIndent));
    const fence = fenceFor(lines);
    const wrap = (part: string[], label: string): string =>
      `<details><summary><b>${html(label)}</b>: ${html(countsOf(changes))}</summary>\n\n${fence}diff\n${part.join('\n')}\n${fence}\n\n</details>`;
    const whole = wrap(lines, title);
    if (whole.length <= budget) {
      out.push(whole);
      continue;
    }
    const overhead = wrap([], `${title} (part 999)`).length;
    let part: string[] = [];
    let size = overhead;
    let n = 1;
    for (const line of lines.map((l) => clip(l, budget - overhead - 1))) {
      if (part.length > 0 && size + line.length + 1 > budget) {
        out.push(wrap(part, `${title} (part ${n})`));
        n += 1;
        part = [];
        size = overhead;
      }
      part.push(line);
      size += line.length + 1;
    }
    if (part.length > 0) out.push(wrap(part, `${title} (part ${n})`));
  }
  return out;
}

function countsOf(changes: readonly DocChange[]): string {
  return ACTIONS.map((a) => [a, changes.filter((c) => c.action === a).length] as const)
    .filter(([, n]) => n > 0)
    .map(([a, n]) => `${n} to ${a}`)
    .join(', ');
}

/** Text lines start with four spaces in the text renderer; a diff fence needs the glyph in column one. */
function trimIndent(line: string): string {
  return line.startsWith('    ') ? line.slice(4).replace(/^ {0,2}(?=[-+~@<])/, '') : line;
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

/** Cuts a block to `max` characters, at a line end when there is one, with a marker. */
function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const marker = '\n…[truncated]';
  const cut = s.slice(0, Math.max(0, max - marker.length));
  const nl = cut.lastIndexOf('\n');
  return `${nl > 0 ? cut.slice(0, nl) : cut}${marker}`;
}
