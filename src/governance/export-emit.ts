import { Document, isMap, isScalar, isSeq } from 'yaml';
import { type ExportNote, type SpecOut } from './export-model';

/**
 * Writes an exported spec as YAML through the `yaml` package's document API (never by concatenating
 * strings), so names and descriptions from the account are quoted correctly whatever they contain. Comments
 * carry untrusted names too; each is JSON-quoted to one line, so a name cannot end a comment early or add
 * YAML of its own.
 */
export function emitExport(spec: SpecOut, notes: readonly ExportNote[], meta: { readonly accountId: string; readonly readAt: string; readonly displays: ReadonlyMap<string, string> }): string {
  const doc = new Document(spec);
  // Members written by IAM ID get who they are as a line comment.
  const projectsNode = doc.get('projects', true);
  if (isMap(projectsNode)) {
    for (const pair of projectsNode.items) {
      const temporary = isMap(pair.value) ? pair.value.get('temporary', true) : undefined;
      if (!isSeq(temporary)) continue;
      for (const item of temporary.items) {
        const member = isMap(item) ? item.get('member', true) : undefined;
        const who = isScalar(member) && typeof member.value === 'string' ? meta.displays.get(member.value) : undefined;
        if (isScalar(member) && who !== undefined && who !== member.value) member.comment = ` ${JSON.stringify(who)}`;
      }
    }
  }
  const projects = Object.keys(spec.projects).length;
  const groups = Object.keys(spec.groups ?? {}).length;
  // Roles the export had to invent (the one case where plan proposes a create).
  const created = notes.filter((n) => n.kind === 'custom-role' && n.ids.length === 0).map((n) => n.name);
  const temporary = Object.values(spec.projects).reduce((n, p) => n + (p.temporary?.length ?? 0), 0);
  doc.commentBefore = [
    ` qgov export of account ${meta.accountId}, read ${meta.readAt}.`,
    '',
    ` ${Object.keys(spec.instances).length} instances, ${projects} projects, ${groups} group(s) over projects, ${temporary} temporary grant(s);`,
    ` ${notes.length} live objects that this spec cannot express are listed at the end, with their ids and why.`,
    '',
    ' Nothing here is owned by qgov yet unless it already carried qgov\'s marker. Against the account it was read',
    ' from, `qgov plan --adopt <this file>` proposes only `adopt` actions, one per object qgov does not own yet',
    ' (instances, custom roles, access groups, dynamic rules, policies, temporary grants), and no other change;',
    ' after `qgov apply` of that plan, `qgov plan` shows no changes. The objects listed at the end are never',
    ' touched. `protected: [instance:*]` keeps qgov from ever deleting or replacing an instance.',
    ...(created.length > 0 ? ['', ` Exception: no live custom role fits ${created.map((n) => JSON.stringify(n)).join(' and ')}, so plan proposes creating it.`] : []),
  ].join('\n');
  if (notes.length > 0) {
    const lines = [' Not in this spec (left as they are in the account):'];
    for (const n of notes) {
      const ids = n.ids.length > 0 ? ` [${n.ids.map((i) => JSON.stringify(i)).join(', ')}]` : '';
      lines.push(` - ${n.kind} ${JSON.stringify(n.name)}${ids}: ${oneLine(n.reason)}`);
    }
    doc.comment = lines.join('\n');
  }
  return doc.toString({ lineWidth: 0 });
}

/** A reason on one comment line (reasons quote untrusted names with JSON.stringify already). */
function oneLine(s: string): string {
  return s.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
}
