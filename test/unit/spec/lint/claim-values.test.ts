import { claimValues } from '../../../../src/spec/claims';
import { rule } from '../../../../src/spec/lint/claim-values';
import { brief, group, project, run, spec } from './fixture';

describe('claimValues', () => {
  it('lists explicit and derived values of projects and groups, with paths', () => {
    const s = spec({ groups: { research: group({ projects: ['ml'], idp: { writer: 'RSwriter' } }) } });
    expect(claimValues(s).map((c) => `${c.value} ${c.explicit ? 'explicit' : 'derived'} ${c.path.join('.')}`)).toEqual([
      'MLreader explicit projects.ml.idp.reader',
      'MLwriter explicit projects.ml.idp.writer',
      'finance-reader derived projects.finance',
      'finance-writer derived projects.finance',
      'research-reader derived groups.research',
      'RSwriter explicit groups.research.idp.writer',
    ]);
  });

  it('is empty without an identity provider', () => {
    expect(claimValues(spec({ identityProvider: undefined }))).toEqual([]);
  });
});

describe('claim-values (QG110–QG113)', () => {
  it('accepts IBM-style values that do not contain one another', () => {
    expect(run(rule, spec())).toEqual([]);
  });

  it('does not check anything without an identity provider', () => {
    const s = spec({ identityProvider: undefined, projects: { ml: project({ idp: { reader: 'ml', writer: 'mlx' } }) } });
    expect(run(rule, s)).toEqual([]);
  });

  it('reports an explicit value contained in another, with the other location', () => {
    const s = spec({ projects: { ml: project({ idp: { reader: 'ml', writer: 'ML-admin' } }), finance: project() } });
    const [d, ...rest] = run(rule, s);
    expect(rest).toEqual([]);
    expect(d.code).toBe('QG110');
    expect(d.path).toEqual(['projects', 'ml', 'idp', 'reader']);
    expect(d.target).toBe('value');
    expect(d.summary).toBe('claim value "ml" (project "ml" idp.reader "ml") is contained in "ML-admin" (project "ml" idp.writer "ML-admin")');
    expect(d.related?.[0].path).toEqual(['projects', 'ml', 'idp', 'writer']);
  });

  it('reports an explicit value inside a derived one and suggests explicit values', () => {
    const s = spec({ projects: { ml: project({ idp: { reader: 'chem', writer: 'MLwriter' } }), chemistry: project() } });
    const ds = run(rule, s);
    expect(brief(ds)).toEqual(['QG110 error @ projects.ml.idp.reader', 'QG110 error @ projects.ml.idp.reader']);
    expect(ds[0].related?.[0]).toEqual({ message: 'the claim value "chemistry-reader" that contains it', path: ['projects', 'chemistry'], target: 'key' });
  });

  it('reports a derived value inside an explicit one, at the project key', () => {
    const s = spec({ projects: { ml: project({ idp: { reader: 'MLreader', writer: 'x-finance-reader-y' } }), finance: project() } });
    const ds = run(rule, s);
    expect(brief(ds)).toEqual(['QG110 error @ projects.finance']);
    expect(ds[0].target).toBe('key');
    expect(ds[0].detail).toContain('set idp.reader / idp.writer explicitly');
  });

  it('leaves derived/derived collisions of colliding names to rule 1', () => {
    expect(run(rule, spec({ projects: { ml: project(), xml: project() } }))).toEqual([]);
  });

  it('reports equal values (ignoring case) across projects and groups', () => {
    const s = spec({
      projects: { ml: project({ idp: { reader: 'MLreader', writer: 'MLwriter' } }) },
      groups: { research: group({ projects: ['ml'], idp: { reader: 'mlreader', writer: 'RSwriter' } }) },
    });
    const ds = run(rule, s);
    expect(brief(ds)).toEqual(['QG111 error @ groups.research.idp.reader']);
    expect(ds[0].summary).toBe('group "research" idp.reader "mlreader" is the same claim value as project "ml" idp.reader "MLreader" (ignoring case)');
  });

  it('reports empty values and values with whitespace', () => {
    const s = spec({ projects: { ml: project({ idp: { reader: '', writer: 'ML writer' } }) } });
    expect(brief(run(rule, s))).toEqual(['QG112 error @ projects.ml.idp.reader', 'QG113 warning @ projects.ml.idp.writer']);
  });
});
