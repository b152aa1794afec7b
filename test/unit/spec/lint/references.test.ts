import { rule } from '../../../../src/spec/lint/references';
import { brief, group, instance, project, run, spec } from './fixture';

describe('references (QG170–QG175)', () => {
  it('accepts declared references and matching protected entries', () => {
    const s = spec({
      groups: { research: group({ projects: ['ml', 'finance'] }) },
      protected: ['instance:QR-*', 'access-group:qr-research-readers', 'QRwriter', 'membership:qr-ml-writers/*', 'custom-role:qrreader'],
    });
    expect(run(rule, s)).toEqual([]);
  });

  it('reports unknown instances with a did-you-mean', () => {
    const ds = run(rule, spec({ projects: { ml: project({ instances: ['QR-ML1'] }) } }));
    expect(brief(ds)).toEqual(['QG170 error @ projects.ml.instances.0']);
    expect(ds[0].summary).toBe('project "ml" uses instance "QR-ML1", which is not declared (did you mean "QR-ml"?)');
  });

  it('reports groups over unknown projects', () => {
    const ds = run(rule, spec({ groups: { research: group({ projects: ['ml', 'fnance'] }) } }));
    expect(brief(ds)).toEqual(['QG171 error @ groups.research.projects.1']);
    expect(ds[0].summary).toBe('group "research" covers project "fnance", which is not declared (did you mean "finance"?)');
  });

  it('warns on protected entries that match nothing', () => {
    const ds = run(rule, spec({ protected: ['access-group:qr-ml-reader', 'QR-mll', 'policy:anything'] }));
    expect(brief(ds)).toEqual(['QG172 warning @ protected.0', 'QG172 warning @ protected.1']);
    expect(ds[0].summary).toBe(
      'protected entry "access-group:qr-ml-reader" matches nothing this spec creates (did you mean "access-group:qr-ml-readers"?)',
    );
    expect(ds[1].summary).toBe('protected entry "QR-mll" matches nothing this spec creates (did you mean "QR-ml"?)');
  });

  it('requires a resource group for resource-group scope', () => {
    const ds = run(rule, spec({ projects: { ml: project({ scope: 'resourceGroup' }) } }));
    expect(brief(ds)).toEqual(['QG173 error @ projects.ml']);
    expect(ds[0].target).toBe('key');
    expect(ds[0].summary).toBe('project "ml" has scope resourceGroup but no resourceGroup');
  });

  it('warns when a resource-group-scoped project uses an instance in another group', () => {
    const s = spec({
      instances: { 'QR-ml': instance({ resourceGroup: 'ml-rg' }), 'QR-common': instance() },
      projects: { ml: project({ scope: 'resourceGroup', resourceGroup: 'ml-rg', instances: ['QR-ml', 'QR-common'] }) },
    });
    const ds = run(rule, s);
    expect(brief(ds)).toEqual(['QG174 warning @ projects.ml.instances.1']);
    expect(ds[0].summary).toBe(
      'project "ml" is scoped to resource group "ml-rg", but instance "QR-common" is in the account\'s default resource group',
    );
  });

  it('warns on repeated references', () => {
    const s = spec({
      projects: { ml: project({ instances: ['QR-ml', 'QR-ml'] }), finance: project({ instances: ['QR-finance', 'QR-common'] }) },
      groups: { research: group({ projects: ['ml', 'ml'] }) },
    });
    expect(brief(run(rule, s))).toEqual(['QG175 warning @ projects.ml.instances.1', 'QG175 warning @ groups.research.projects.1']);
  });
});
