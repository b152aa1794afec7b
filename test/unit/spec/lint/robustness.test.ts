import fc from 'fast-check';
import { type SpecPath } from '../../../../src/spec/diag';
import { lint, rules } from '../../../../src/spec/lint/index';
import { type GroupSpec, type InstanceSpec, type OrgSpec, type ProjectSpec } from '../../../../src/spec/types';
import { NOW, grant, role, spec } from './fixture';

/** Resolves a diagnostic path in the spec object (which mirrors the YAML document one-to-one). */
function resolves(root: unknown, path: SpecPath): boolean {
  let node: unknown = root;
  for (const p of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, p)) return false;
    node = (node as Record<string | number, unknown>)[p];
  }
  return true;
}

// Small alphabets make collisions (substrings, duplicates, near misses) likely.
const word = fc.string({ unit: fc.constantFrom('m', 'l', 'M', 'a', '-', '@', '.', ':', '%', 'x', ' '), maxLength: 8 });
const member = fc.oneof(word, fc.constantFrom('a@example.com', 'A@Example.com', 'serviceId:ci', 'IBMid-123456', 'profile:p', ''));
const time = fc.oneof(fc.constantFrom('2026-05-01T00:00:00Z', '2026-06-10T00:00:00Z', '2027-01-01T00:00:00Z', 'soon', ''), word);

const arbSpec: fc.Arbitrary<OrgSpec> = fc
  .record({
    prefix: word,
    instances: fc.dictionary(word, fc.record({
      plan: fc.oneof(fc.constantFrom('open', 'standard', 'flex', 'premium', 'lite', 'Paygo'), word),
      region: fc.constantFrom('us-east', 'eu-de') as fc.Arbitrary<'us-east' | 'eu-de'>,
      alloc: fc.option(fc.integer({ min: -5, max: 5000 }), { nil: undefined }),
      limit: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
      rg: fc.option(word, { nil: undefined }),
    }), { maxKeys: 4 }),
    projects: fc.dictionary(word, fc.record({
      instances: fc.array(word, { maxLength: 3 }),
      readers: fc.array(member, { maxLength: 3 }),
      writers: fc.array(member, { maxLength: 3 }),
      scope: fc.constantFrom('instance', 'resourceGroup') as fc.Arbitrary<'instance' | 'resourceGroup'>,
      rg: fc.option(word, { nil: undefined }),
      idp: fc.option(fc.record({ reader: fc.option(word, { nil: undefined }), writer: fc.option(word, { nil: undefined }) }), { nil: undefined }),
      grants: fc.array(fc.record({ member, approvedBy: member, until: time, from: fc.option(time, { nil: undefined }), reason: word }), { maxLength: 2 }),
    }), { maxKeys: 5 }),
    groups: fc.dictionary(word, fc.array(word, { maxLength: 3 }), { maxKeys: 2 }),
    protected: fc.array(fc.oneof(word, fc.constantFrom('instance:*', 'access-group:qr-?', 'policy:x', '(')), { maxLength: 3 }),
    actions: fc.array(fc.oneof(word, fc.constantFrom('quantum-computing.job.read', 'quantum-computing.job.delete', 'quantum-computing.job.cancel')), { maxLength: 4 }),
    idp: fc.boolean(),
    budget: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
  })
  .map((r) => {
    const instances: Record<string, InstanceSpec> = {};
    for (const [n, i] of Object.entries(r.instances)) {
      instances[n] = {
        plan: i.plan,
        region: i.region,
        tags: [],
        ...(i.rg !== undefined ? { resourceGroup: i.rg } : {}),
        limits: { ...(i.alloc !== undefined ? { allocationSeconds: i.alloc } : {}), ...(i.limit !== undefined ? { instanceSeconds: i.limit } : {}) },
      };
    }
    const projects: Record<string, ProjectSpec> = {};
    for (const [n, p] of Object.entries(r.projects)) {
      projects[n] = {
        instances: p.instances,
        readers: p.readers,
        writers: p.writers,
        scope: p.scope,
        ...(p.rg !== undefined ? { resourceGroup: p.rg } : {}),
        ...(p.idp !== undefined ? { idp: p.idp } : {}),
        temporary: p.grants.map((g) => grant({ ...g, ...(g.from === undefined ? {} : { from: g.from }) })),
      };
    }
    const groups: Record<string, GroupSpec> = {};
    for (const [n, ps] of Object.entries(r.groups)) groups[n] = { projects: ps, readers: [], writers: [] };
    const base = spec();
    return {
      ...base,
      account: { id: base.account.id, ...(r.budget !== undefined ? { allocationBudgetSeconds: r.budget } : {}) },
      naming: { prefix: r.prefix },
      ...(r.idp ? {} : { identityProvider: undefined }),
      roles: { reader: role('reader', { actions: r.actions }), writer: role('writer') },
      instances,
      projects,
      groups,
      protected: r.protected,
    };
  });

describe('lint robustness', () => {
  it('never throws, emits only declared codes, and every path (and related path) exists in the spec', () => {
    const declared = new Set(rules.flatMap((r) => r.codes));
    fc.assert(
      fc.property(arbSpec, (s) => {
        for (const d of lint(s, NOW)) {
          expect(declared.has(d.code)).toBe(true);
          expect([d.code, d.path, resolves(s, d.path)]).toEqual([d.code, d.path, true]);
          for (const r of d.related ?? []) expect([d.code, r.path, resolves(s, r.path)]).toEqual([d.code, r.path, true]);
          expect(d.summary.length).toBeGreaterThan(0);
          expect(d.summary).not.toContain('\n');
        }
      }),
      { numRuns: 200 },
    );
  });
});
