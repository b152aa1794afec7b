import { interpolate } from '../../../src/spec/interpolate';

describe('interpolate', () => {
  const env = { ACCOUNT: 'abc', EMPTY: '', N: '42' };

  it('leaves strings without `${` untouched', () => {
    expect(interpolate('plain $HOME and $ alone', env)).toEqual({ value: 'plain $HOME and $ alone', changed: false, problems: [] });
  });

  it('substitutes set variables, several per string', () => {
    const r = interpolate('id-${ACCOUNT}-${N}', env);
    expect(r.value).toBe('id-abc-42');
    expect(r.problems).toEqual([]);
    expect(r.changed).toBe(true);
  });

  it('uses `:-` defaults when unset or empty, like the shell', () => {
    expect(interpolate('${MISSING:-dflt}', env).value).toBe('dflt');
    expect(interpolate('${EMPTY:-dflt}', env).value).toBe('dflt');
    expect(interpolate('${ACCOUNT:-dflt}', env).value).toBe('abc');
    expect(interpolate('${MISSING:-}', env).value).toBe('');
  });

  it('an empty variable without a default is used as empty, not an error', () => {
    expect(interpolate('x${EMPTY}y', env)).toMatchObject({ value: 'xy', problems: [] });
  });

  it('`$${` is a literal `${`', () => {
    expect(interpolate('$${ACCOUNT} and ${ACCOUNT}', env).value).toBe('${ACCOUNT} and abc');
  });

  it('reports an unset variable with its exact expression', () => {
    const r = interpolate('a ${NOPE} b', env);
    expect(r.problems).toEqual([{ kind: 'unset', name: 'NOPE', expr: '${NOPE}' }]);
    expect(r.value).toBe('a ${NOPE} b');
  });

  it('reports malformed references', () => {
    expect(interpolate('${1BAD}', env).problems).toEqual([expect.objectContaining({ kind: 'syntax', expr: '${1BAD}' })]);
    expect(interpolate('${}', env).problems).toEqual([expect.objectContaining({ kind: 'syntax', expr: '${}' })]);
    expect(interpolate('x ${OPEN', env).problems).toEqual([expect.objectContaining({ kind: 'syntax', expr: '${OPEN' })]);
    expect(interpolate('${A-b}', env).problems).toHaveLength(1);
  });

  it('is case-sensitive about names', () => {
    expect(interpolate('${account}', env).problems).toEqual([{ kind: 'unset', name: 'account', expr: '${account}' }]);
  });
});
