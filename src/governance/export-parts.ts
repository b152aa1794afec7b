/**
 * The vocabulary shared by export's steps (instances → roles → projects → rules → temporary grants, see
 * `export.ts`): what each step hands to the next, and the few helpers they all use. Internal to export.
 */
import { type LiveGroup, type LiveRule } from '../cloud/ports';
import { type ExportNote, type InstanceOut, type RoleOut } from './export-model';
import { type GrantTarget, type LiveGrant } from './live-grants';

/** How a step reports a live object it leaves out. */
export type Note = (n: ExportNote) => void;

/** What a failed validation round excludes from the next build (name → reason). */
export interface Exclusions {
  readonly owners: Map<string, string>;
  readonly instances: Map<string, string>;
  noIdp: string | undefined;
}

/** Which of the spec's two roles a group or grant holds. */
export type Kind = 'reader' | 'writer';

/** A live access group that fits one side of a project: its role, name stem, targets, members and rules. */
export interface Candidate {
  readonly group: LiveGroup;
  readonly kind: Kind;
  readonly stem: string;
  readonly description: string;
  readonly targets: ReadonlyMap<string, GrantTarget>;
  readonly members: readonly string[];
  readonly rules: readonly LiveRule[];
}

/** A `-readers` / `-writers` pair with equal targets: one spec project or group. */
export interface Pair {
  readonly name: string;
  readonly reader: Candidate;
  readonly writer: Candidate;
  readonly targets: ReadonlyMap<string, GrantTarget>;
}

/** The name suffix the spec derives for each role. */
export const SUFFIX: Record<Kind, string> = { reader: '-readers', writer: '-writers' };

/** An instance that is in the export. */
export interface ExportedInstance {
  readonly out: InstanceOut;
  readonly crn: string;
  readonly resourceGroupId: string;
}

/** The spec's two roles as chosen from the live custom roles. */
export interface Roles {
  readonly reader: RoleOut;
  readonly writer: RoleOut;
}

export function isShaped(g: LiveGrant, roles: Roles): boolean {
  return shapedKind(g, roles) !== undefined;
}

/** `reader` / `writer` when the grant is platform Viewer plus exactly one of the two chosen custom roles. */
export function shapedKind(g: LiveGrant, roles: Roles): Kind | undefined {
  if (g.roles.length !== 2 || g.window.kind !== 'none') return undefined;
  if (!g.roles.some((r) => r.kind === 'platform' && r.name === 'Viewer')) return undefined;
  const custom = g.roles.find((r) => r.kind === 'custom');
  if (!custom) return undefined;
  return custom.name === roles.reader.name ? 'reader' : custom.name === roles.writer.name ? 'writer' : undefined;
}

export function targetKeyOf(t: GrantTarget): string {
  switch (t.kind) {
    case 'instance':
      return `instance:${t.instance}`;
    case 'resource-group':
      return `resource-group:${t.resourceGroup}`;
    default:
      return `other:${t.text}`;
  }
}

export function policyShape(g: LiveGrant): string {
  const where = g.target.kind === 'instance' ? `instance ${g.target.instance}` : g.target.kind === 'resource-group' ? `resource group ${g.target.resourceGroup}` : g.target.text;
  const when = g.window.kind === 'none' ? '' : g.window.kind === 'once' ? ` until ${g.window.until ?? '?'}` : ` with ${g.window.text}`;
  return `${g.roles.map((r) => r.name).sort().join(' + ')} on ${where}${when}`;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

