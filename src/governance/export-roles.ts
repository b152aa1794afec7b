import { type LiveCustomRole } from '../cloud/ports';
import { parseDescriptionMarker } from '../model/marker';
import { isKnownAction, writeVerbOf } from '../spec/catalog';
import { type RoleOut } from './export-model';
import { cmp, type ExportedInstance, type Kind, type Note, type Roles } from './export-parts';
import { type LiveGrant } from './live-grants';

/** Export, step 2: choose the live custom roles that become `roles.reader` and `roles.writer` (pure). */
export function chooseRoles(all: readonly LiveCustomRole[], grants: readonly LiveGrant[], instances: ReadonlyMap<string, ExportedInstance>, note: Note): Roles {
  const usage = new Map<string, number>();
  for (const g of grants) {
    if (g.policy.subject.kind !== 'access-group' || g.roles.length !== 2 || g.window.kind !== 'none') continue;
    if (!g.roles.some((r) => r.kind === 'platform' && r.name === 'Viewer')) continue;
    if (g.target.kind === 'instance' ? !instances.has(g.target.instance) : g.target.kind !== 'resource-group') continue;
    const c = g.roles.find((r) => r.kind === 'custom');
    if (c) usage.set(c.name, (usage.get(c.name) ?? 0) + 1);
  }
  const valid = all.filter((r) => r.actions.length > 0 && r.actions.every(isKnownAction));
  const hasWrite = (r: LiveCustomRole): boolean => r.actions.some((a) => writeVerbOf(a) !== undefined);
  const rank = (a: LiveCustomRole, b: LiveCustomRole): number => (usage.get(b.name) ?? 0) - (usage.get(a.name) ?? 0) || cmp(a.name, b.name);
  const reader = valid.filter((r) => !hasWrite(r)).sort(rank)[0];
  const writer = valid.filter((r) => r !== reader).sort((a, b) => Number(hasWrite(b)) - Number(hasWrite(a)) || rank(a, b))[0];
  const out = (r: LiveCustomRole): RoleOut => ({ name: r.name, displayName: r.displayName, description: parseDescriptionMarker(r.description).text, actions: [...new Set(r.actions)].sort() });
  const fallback = (kind: Kind): RoleOut => {
    const taken = new Set(all.map((r) => r.name.toLowerCase()));
    let name = kind === 'reader' ? 'QRreader' : 'QRwriter';
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${kind === 'reader' ? 'QRreader' : 'QRwriter'}${n}`;
    note({ kind: 'custom-role', name, ids: [], reason: `no live custom role of quantum-computing fits the ${kind} role; this one is new and \`qgov apply\` would create it` });
    const actions = kind === 'reader' ? ['quantum-computing.device.read', 'quantum-computing.job.read'] : ['quantum-computing.device.read', 'quantum-computing.job.cancel', 'quantum-computing.job.create', 'quantum-computing.job.read'];
    return { name, displayName: name, description: `Qiskit Runtime ${kind}s`, actions };
  };
  const chosen: Roles = { reader: reader ? out(reader) : fallback('reader'), writer: writer ? out(writer) : fallback('writer') };
  for (const r of all) {
    if (r === reader || r === writer) continue;
    const unknown = r.actions.filter((a) => !isKnownAction(a));
    note({
      kind: 'custom-role',
      name: r.name,
      ids: [r.id],
      reason:
        unknown.length > 0
          ? `holds actions qgov's catalogue does not know (${unknown.join(', ')})`
          : `the spec has exactly two custom roles; ${r.name} is neither the reader (${chosen.reader.name}) nor the writer (${chosen.writer.name}) most used by group policies`,
    });
  }
  return chosen;
}
