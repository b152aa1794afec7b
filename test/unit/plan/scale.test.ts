import { diff } from '../../../src/plan/diff';
import { toDocument } from '../../../src/plan/render/json';
import { renderMarkdown } from '../../../src/plan/render/markdown';
import { renderText } from '../../../src/plan/render/text';
import { plainPalette } from '../../../src/render/palette';
import { expand } from '../../../src/spec/expand';
import { type InstanceSpec, type OrgSpec, type ProjectSpec } from '../../../src/spec/types';
import { ACCOUNT, NOW, resolveAll, toObserved } from './helpers';

/**
 * The plan core at scale: 1,000 projects (17,000 desired objects: 2,000 groups, 10,000 members, 2,000
 * policies, 2,000 rules, 1,000 instances). Bounds are generous (CI machines vary); typical figures on a
 * laptop are in the comments.
 */
function bigSpec(n: number): OrgSpec {
  const instances: Record<string, InstanceSpec> = {};
  const projects: Record<string, ProjectSpec> = {};
  for (let i = 0; i < n; i++) {
    instances[`QR-p${i}`] = { plan: 'premium', region: 'us-east', limits: { instanceSeconds: 3600 }, tags: [] };
    const m = (k: number): string => `u${i}-${k}@example.com`;
    projects[`p${i}`] = {
      instances: [`QR-p${i}`],
      scope: 'instance',
      readers: [m(1), m(2), m(3), m(4), m(5)],
      writers: [m(6), m(7), m(8), m(9), m(10)],
      temporary: [],
    };
  }
  return {
    apiVersion: 'qgov/v1',
    account: { id: ACCOUNT },
    naming: { prefix: 'qr-' },
    identityProvider: { realm: 'https://idp.example.com', claim: 'project', sessionHours: 12 },
    roles: {
      reader: { name: 'QRreader', displayName: 'R', description: 'r', actions: ['quantum-computing.job.read'] },
      writer: { name: 'QRwriter', displayName: 'W', description: 'w', actions: ['quantum-computing.job.read', 'quantum-computing.job.create'] },
    },
    defaults: { region: 'us-east', plan: 'standard', scope: 'instance' },
    instances,
    projects,
    groups: {},
    protected: [],
    removalBudget: 0.25,
    maxTemporaryDays: 90,
  };
}

const OPTS = { now: NOW, adopt: false, invite: true };

test('1,000 projects: converged diff, greenfield diff and rendering stay fast', () => {
  const d = resolveAll(expand(bigSpec(1000), { now: NOW, specHash: 'h' }));
  expect(d.resources.length).toBe(17_002);
  const live = toObserved(d);

  let t = performance.now();
  expect(diff(d, live, OPTS).changes).toHaveLength(0);
  const converged = performance.now() - t; // ~150 ms

  t = performance.now();
  const plan = diff(d, { accountId: ACCOUNT, resources: [], duplicates: [], outsideNamespace: [], readAt: NOW.toISOString() }, OPTS);
  const greenfield = performance.now() - t; // ~500 ms
  expect(plan.changes).toHaveLength(17_002);

  t = performance.now();
  const doc = toDocument(plan, { accountId: ACCOUNT, specHash: 'h', specFile: 'big.yaml', runId: 'r', createdAt: NOW.toISOString(), stats: { total: 0, byService: {}, routes: [] } });
  const text = renderText(doc, plainPalette);
  const comments = renderMarkdown(doc);
  const render = performance.now() - t; // ~500 ms
  expect(text).toContain('Plan: 17002 to create');
  expect(comments.length).toBeGreaterThan(1);
  expect(comments.every((c) => Buffer.byteLength(c, 'utf8') <= 65_000)).toBe(true);

  expect(converged).toBeLessThan(3_000);
  expect(greenfield).toBeLessThan(10_000);
  expect(render).toBeLessThan(10_000);
});
