import { rule } from '../../../../src/spec/lint/confusable-names';
import { brief, group, instance, project, run, spec } from './fixture';

describe('confusable-names (QG194–QG195)', () => {
  it('passes the worked example, and names in other scripts that look like nothing ASCII', () => {
    expect(run(rule, spec())).toEqual([]);
    const s = spec({ projects: { ...spec().projects, 'ml-日本': project({ description: 'Кириллица в описании' }) } });
    expect(run(rule, s)).toEqual([]);
  });

  it('warns on a Cyrillic letter in a project name, naming the code point and what it looks like', () => {
    const ds = run(rule, spec({ projects: { ...spec().projects, 'ml-wr\u0435ters': project() } }));
    expect(brief(ds)).toEqual(['QG194 warning @ projects.ml-wr\u0435ters']);
    expect(ds[0].target).toBe('key');
    expect(ds[0].summary).toBe('project name "ml-wr\u0435ters" has characters that look like ASCII letters: U+0435 looks like "e"');
  });

  it('errors on invisible characters in names and descriptions; warns on full-width letters', () => {
    const ds = run(
      rule,
      spec({
        naming: { prefix: 'q\u200br-' },
        instances: { ...spec().instances, 'QR-\uff4dl': instance() },
        groups: { research: group({ description: 'all \u202eprojects', readers: ['serviceId:pipe\u0430line'] }) },
      }),
    );
    expect(brief(ds).sort()).toEqual([
      'QG194 warning @ groups.research.readers.0',
      'QG194 warning @ instances.QR-\uff4dl',
      'QG195 error @ groups.research.description',
      'QG195 error @ naming.prefix',
    ]);
    expect(ds.find((d) => d.code === 'QG195' && d.path[0] === 'naming')?.summary).toBe('`naming.prefix` "q\\u200br-" contains invisible characters (U+200B)');
  });
});
