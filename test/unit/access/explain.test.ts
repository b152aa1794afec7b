import { explain } from '../../../src/access/explain';
import { renderExplainText } from '../../../src/render/access/explain-text';
import { specModel } from './spec-model';

const NOW = new Date('2026-12-01T00:00:00Z');

describe('explain', () => {
  const { model } = specModel('examples/org.yaml', NOW);

  it('lists every path for one action and target, and "no path" where there is none', () => {
    const r = explain(model, { who: 'amyra@example.com', action: 'job.read', on: 'project:ml' }, NOW);
    if (!r.ok) throw new Error(r.error);
    expect(renderExplainText(r.value, { who: 'amyra@example.com' })).toBe(
      [
        'amyra@example.com (member of qr-finance-readers)',
        '  job.read on QR-ml:',
        '    own policy → policy user-policy:email:amyra@example.com/instance:QR-ml/QRwriter → role QRwriter → quantum-computing.job.read (time condition in force)',
        '  job.read on QR-common:',
        '    own policy → policy user-policy:email:amyra@example.com/instance:QR-common/QRwriter → role QRwriter → quantum-computing.job.read (time condition in force)',
        '    member of qr-finance-readers → policy policy:qr-finance-readers/instance:QR-common → role QRreader → quantum-computing.job.read',
        '',
      ].join('\n'),
    );
    const none = explain(model, { who: 'ravi@example.com', action: 'job.delete', on: 'instance:QR-finance' }, NOW);
    if (!none.ok) throw new Error(none.error);
    expect(renderExplainText(none.value, { who: 'ravi@example.com' })).toContain('  job.delete on QR-finance: no path');
  });

  it('without an action lists everything reached (Viewer’s platform actions too), sorted by instance then action', () => {
    const r = explain(model, { who: 'profile:ml-notebooks' }, NOW);
    if (!r.ok) throw new Error(r.error);
    expect(r.value[0].entries.map((e) => `${e.instance} ${e.action}`)).toEqual(
      ['QR-common', 'QR-ml'].flatMap((i) =>
        [
          'global-search-tagging.resource.read',
          'iam.policy.read',
          ...['device.read', 'instance-usage.read', 'instance.read', 'job.read', 'session.read', 'workload.list'].map((a) => `quantum-computing.${a}`),
          'resource-controller.instance.retrieve',
        ].map((a) => `${i} ${a}`),
      ),
    );
  });

  it('a team stands for each of its principals; an unknown member reaches nothing', () => {
    const r = explain(model, { who: 'project:finance/writers', action: 'job.create', on: 'instance:QR-finance' }, NOW);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.map((s) => s.principal)).toEqual(['ravi@example.com', 'any new member of qr-finance-writers', 'an IdP user with project=FINwriter']);
    const nobody = explain(model, { who: 'mallory@example.com' }, NOW);
    if (!nobody.ok) throw new Error(nobody.error);
    expect(renderExplainText(nobody.value, { who: 'mallory@example.com' })).toBe('mallory@example.com\n  no path: reaches no action on any instance\n');
    expect(explain(model, { who: 'x y' }, NOW).ok).toBe(false);
  });

  it('the account owner reaches everything without a path', () => {
    const owned = { ...model, identities: [...model.identities, { key: 'IBMid-OWNER01', type: 'user' as const, display: 'owner@example.com', iamId: 'IBMid-OWNER01', email: 'owner@example.com' }], ownerIamId: 'IBMid-OWNER01' };
    const r = explain(owned, { who: 'owner@example.com' }, NOW);
    if (!r.ok) throw new Error(r.error);
    expect(renderExplainText(r.value, { who: 'owner@example.com' })).toBe('owner@example.com\n  account owner: allowed every action on every instance, with or without a policy\n');
    const one = explain(owned, { who: 'owner@example.com', action: 'job.delete', on: 'instance:QR-ml' }, NOW);
    if (!one.ok) throw new Error(one.error);
    expect(renderExplainText(one.value, { who: 'owner@example.com' })).toContain('  job.delete on QR-ml: account owner (no policy needed)');
  });
});
