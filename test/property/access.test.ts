import fc from 'fast-check';
import { evaluateAssertions } from '../../src/access/assertions';
import { compile, type Principal } from '../../src/access/evaluate';
import { accessModelFromResources } from '../../src/access/from-resources';
import { serviceRoleId, type AccessModel, type Policy } from '../../src/access/model';
import { expand } from '../../src/spec/expand';
import { ACCOUNT, ACTIONS, INSTANCES, MEMBERS, NOW, naiveAllowed, specArb } from './access-arbitraries';

/**
 * Properties of the access evaluator over generated specs:
 * 1. it agrees with a naive reading of the spec (no IAM model) for every member, action and instance, at
 *    random times around the temporary grants;
 * 2. access is monotonic: adding any policy never takes access away (IAM has no deny, E4);
 * 3. a single (who, action, instance) `can` holds exactly when the `cannot` fails;
 * 4. evaluateAssertions never throws, whatever the words.
 */
const SEED = 20261201;
const modelOf = (spec: Parameters<typeof expand>[0]) => accessModelFromResources(expand(spec, { now: NOW, specHash: 'p' }), spec);
const principal = (m: AccessModel, ref: string): Principal => {
  const i = m.identities.find((x) => x.display.toLowerCase() === ref.toLowerCase());
  return i ? { kind: 'identity', key: i.key, display: i.display } : { kind: 'nobody', display: ref };
};

describe('access evaluator properties', () => {
  it('agrees with a naive reading of the spec', () => {
    fc.assert(
      fc.property(specArb, fc.integer({ min: -4, max: 31 }), (spec, days) => {
        const when = new Date(NOW.getTime() + days * 86_400_000);
        const m = modelOf(spec);
        const ev = compile(m);
        for (const member of MEMBERS) {
          for (const inst of Object.keys(spec.instances)) {
            for (const action of ACTIONS) {
              const got = ev.decide(principal(m, member), action, inst, when).allowed;
              if (got !== naiveAllowed(spec, member, action, inst, when, NOW)) {
                throw new Error(`${member} ${action} ${inst} at ${when.toISOString()}: evaluator says ${got}`);
              }
            }
          }
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  const extraPolicy: fc.Arbitrary<Policy> = fc
    .record({
      subject: fc.oneof(fc.constantFrom('qr-ml-writers', 'qr-fin-readers').map((g) => ({ kind: 'group' as const, groupId: g })), fc.constantFrom('email:ravi@example.com').map((k) => ({ kind: 'identity' as const, key: k }))),
      scope: fc.oneof(fc.constantFrom(...INSTANCES).map((i) => ({ key: 'serviceInstance', value: i })), fc.constantFrom('rg1', 'rg2').map((r) => ({ key: 'resourceGroupId', value: r })), fc.constant(undefined)),
      role: fc.constantFrom('Reader', 'Writer', 'Manager'),
    })
    .map(({ subject, scope, role }) => ({
      id: 'extra',
      label: 'extra',
      subject,
      resource: [{ key: 'accountId', operator: 'stringEquals', value: ACCOUNT }, { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' }, ...(scope ? [{ ...scope, operator: 'stringEquals' }] : [])],
      roleIds: [serviceRoleId(role)],
    }));

  it('is monotonic: another policy never takes access away', () => {
    fc.assert(
      fc.property(specArb, extraPolicy, (spec, extra) => {
        const m = modelOf(spec);
        const before = compile(m);
        const after = compile({ ...m, policies: [...m.policies, extra] });
        for (const member of MEMBERS) {
          for (const inst of Object.keys(spec.instances)) {
            for (const action of ACTIONS) {
              const p = principal(m, member);
              if (before.decide(p, action, inst, NOW).allowed) expect(after.decide(p, action, inst, NOW).allowed).toBe(true);
            }
          }
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('a single-triple can holds exactly when its cannot fails', () => {
    fc.assert(
      fc.property(specArb, fc.constantFrom(...MEMBERS), fc.constantFrom(...ACTIONS), fc.nat(3), (spec, who, action, k) => {
        const names = Object.keys(spec.instances);
        const on = `instance:${names[k % names.length]}`;
        const [can, cannot] = evaluateAssertions(modelOf(spec), [{ who, can: action, on }, { who, cannot: action, on }], NOW);
        expect(can.status === 'pass').toBe(cannot.status === 'fail');
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('never throws on arbitrary words', () => {
    const word = fc.oneof(fc.string({ maxLength: 24 }), fc.constantFrom('*', 'project:ml/*', 'claim:x', 'instance:QR-a', 'job.read', 'writer', 'resourceGroup:rg1'));
    fc.assert(
      fc.property(specArb, word, word, word, fc.option(word, { nil: undefined }), (spec, who, on, can, until) => {
        const [r] = evaluateAssertions(modelOf(spec), [{ who, on, can, ...(until !== undefined ? { until } : {}) }], NOW);
        expect(['pass', 'fail', 'skipped', 'error']).toContain(r.status);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
