import { rule } from '../../../../src/spec/lint/instance-settings';
import { type Region } from '../../../../src/spec/types';
import { brief, instance, project, run, spec } from './fixture';

describe('instance-settings (QG150–QG159)', () => {
  it('accepts the fixture\'s instances', () => {
    expect(run(rule, spec())).toEqual([]);
  });

  it('reports unknown regions and plans with did-you-mean', () => {
    const ds = run(rule, spec({ instances: { 'QR-ml': instance({ plan: 'premum', region: 'us-est' as Region }) }, projects: { ml: project({ instances: ['QR-ml'] }) } }));
    expect(brief(ds)).toEqual(['QG150 error @ instances.QR-ml.region', 'QG151 error @ instances.QR-ml.plan']);
    expect(ds[0].summary).toBe('unknown region "us-est" (did you mean "us-east"?)');
    expect(ds[1].summary).toBe('unknown plan "premum" (did you mean "premium"?)');
  });

  it('reports an inherited unknown plan once, at defaults.plan', () => {
    const s = spec({ defaults: { region: 'us-east', plan: 'gold', scope: 'instance' }, instances: { 'QR-ml': instance({ plan: 'gold' }) }, projects: { ml: project({ instances: ['QR-ml'] }) } });
    expect(brief(run(rule, s))).toEqual(['QG151 error @ defaults.plan']);
  });

  it('accepts plan aliases case-insensitively', () => {
    const s = spec({ instances: { a: instance({ plan: 'PayGo' }), b: instance({ plan: 'Flex', region: 'eu-de' }) }, projects: { ml: project({ instances: ['a', 'b'] }) } });
    expect(run(rule, s)).toEqual([]);
  });

  it('allows the Open plan only in us-east and warns on historic plans', () => {
    const s = spec({ instances: { o: instance({ plan: 'open', region: 'eu-de' }), l: instance({ plan: 'lite' }) }, projects: { ml: project({ instances: ['o', 'l'] }) } });
    const ds = run(rule, s);
    expect(brief(ds)).toEqual(['QG152 error @ instances.o.region', 'QG158 warning @ instances.l.plan']);
    expect(ds[0].summary).toBe('instance "o": the Open plan is not offered in eu-de');
  });

  it('checks limits: integers, allocation vs limit, plans without allocations, empty backends', () => {
    const s = spec({
      instances: {
        a: instance({ plan: 'premium', limits: { instanceSeconds: 100, allocationSeconds: 200 } }),
        b: instance({ plan: 'standard', limits: { allocationSeconds: 50 } }),
        c: instance({ plan: 'flex', limits: { instanceSeconds: -1, allocationSeconds: 1.5, backends: [] } }),
      },
      projects: { ml: project({ instances: ['a', 'b', 'c'] }) },
    });
    const ds = run(rule, s);
    expect(brief(ds)).toEqual([
      'QG154 warning @ instances.a.limits.allocationSeconds',
      'QG157 warning @ instances.b.limits.allocationSeconds',
      'QG153 error @ instances.c.limits.instanceSeconds',
      'QG153 error @ instances.c.limits.allocationSeconds',
      'QG159 warning @ instances.c.limits.backends',
    ]);
    expect(ds[0].summary).toBe('instance "a": allocationSeconds 200 is above instanceSeconds 100');
  });

  it('reports allocations above the account budget, with the contributing instances', () => {
    const s = spec({
      account: { id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', allocationBudgetSeconds: 5000 },
      instances: {
        a: instance({ plan: 'premium', limits: { allocationSeconds: 3000 } }),
        b: instance({ plan: 'flex', limits: { allocationSeconds: 2500 } }),
      },
      projects: { ml: project({ instances: ['a', 'b'] }) },
    });
    const ds = run(rule, s);
    expect(brief(ds)).toEqual(['QG155 error @ account.allocationBudgetSeconds']);
    expect(ds[0].summary).toBe('instances allocate 5500 s in total, above account.allocationBudgetSeconds 5000');
    expect(ds[0].related?.map((r) => r.path.join('.'))).toEqual(['instances.a.limits.allocationSeconds', 'instances.b.limits.allocationSeconds']);
  });

  it('warns on instances no project uses', () => {
    const ds = run(rule, spec({ instances: { ...spec().instances, 'QR-old': instance() } }));
    expect(brief(ds)).toEqual(['QG156 warning @ instances.QR-old']);
    expect(ds[0].target).toBe('key');
  });
});
