import { rule } from '../../../../src/spec/lint/derived-names';
import { brief, group, instance, project, role, run, spec } from './fixture';

describe('derived-names (QG120–QG129)', () => {
  it('accepts the fixture\'s names', () => {
    expect(run(rule, spec())).toEqual([]);
  });

  it('reports an access-group name over 100 characters after the prefix', () => {
    const long = 'p'.repeat(90);
    const ds = run(rule, spec({ projects: { [long]: project() } }));
    expect(brief(ds)).toEqual([`QG120 error @ projects.${long}`]);
    expect(ds[0].summary).toBe(`access group "qr-${long}-readers" would be 101 characters; IBM allows 100`);
    expect(ds[0].detail).toContain('at most 89 characters');
    expect(ds[0].target).toBe('key');
  });

  it('reports forbidden characters once at the prefix and once per name', () => {
    const ds = run(rule, spec({ naming: { prefix: 'qr&' }, projects: { 'ml%x': project(), finance: project() } }));
    expect(brief(ds)).toEqual(['QG121 error @ naming.prefix', 'QG121 error @ projects.ml%x']);
    expect(ds[1].summary).toBe('project name "ml%x" contains "%", not allowed in access-group names');
  });

  it('reports access groups that collide ignoring case, with the other owner', () => {
    const ds = run(rule, spec({ projects: { ml: project() }, groups: { ML: group({ projects: ['ml'] }) } }));
    expect(brief(ds)).toEqual(['QG122 error @ groups.ML']);
    expect(ds[0].summary).toBe(
      'access groups "qr-ML-readers" and "-writers" (group "ML") would be created twice: project "ml" yields the same names ignoring case',
    );
    expect(ds[0].related?.[0].path).toEqual(['projects', 'ml']);
  });

  it('checks custom role IDs, display names and descriptions', () => {
    const ds = run(
      rule,
      spec({
        roles: {
          reader: role('reader', { name: 'ml-reader', displayName: 'x'.repeat(51) }),
          writer: role('writer', { description: 'd'.repeat(229) }),
        },
      }),
    );
    expect(brief(ds)).toEqual([
      'QG123 error @ roles.reader.name',
      'QG124 error @ roles.reader.displayName',
      'QG125 error @ roles.writer.description',
    ]);
    expect(ds[0].summary).toBe('roles.reader.name "ml-reader" is not a valid custom role ID');
    expect(ds[2].summary).toBe('roles.writer.description is 229 characters; at most 228');
  });

  it('requires distinct reader and writer IDs, then distinct display names', () => {
    const same = run(rule, spec({ roles: { reader: role('reader', { name: 'QRrole' }), writer: role('writer', { name: 'QRROLE' }) } }));
    expect(brief(same)).toEqual(['QG126 error @ roles.writer.name']);
    const display = run(
      rule,
      spec({ roles: { reader: role('reader', { displayName: 'Quantum' }), writer: role('writer', { displayName: 'quantum' }) } }),
    );
    expect(brief(display)).toEqual(['QG126 error @ roles.writer.displayName']);
  });

  it('checks instance names and warns on names equal ignoring case', () => {
    const ds = run(
      rule,
      spec({ instances: { 'QR-ml': instance(), 'qr-ML': instance(), 'QR/bad': instance(), ['Q'.repeat(181)]: instance() } }),
    );
    expect(brief(ds).map((s) => s.slice(0, 40))).toEqual([
      'QG128 warning @ instances.qr-ML',
      'QG127 error @ instances.QR/bad',
      'QG127 error @ instances.QQQQQQQQQQQQQQQQ',
    ]);
    expect(ds[1].summary).toBe('instance name "QR/bad" contains characters IBM does not allow');
  });

  it('limits project descriptions (they become access-group descriptions)', () => {
    const ds = run(rule, spec({ projects: { ml: project({ description: 'x'.repeat(300) }) } }));
    expect(brief(ds)).toEqual(['QG129 error @ projects.ml.description']);
  });
});
