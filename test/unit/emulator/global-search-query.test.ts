import { parseSearchQuery, QuerySyntaxError } from '../../../src/emulator/services/global-search-query';

const doc = {
  crn: 'crn:v1:bluemix:public:quantum-computing:us-east:a/acct:guid-1::',
  name: 'QR ML team',
  type: 'resource-instance',
  region: 'us-east',
  tags: ['env:prod', 'qgov:owned'],
  doc: { resource_group_id: 'rg1', extensions: { backends: ['ibm_torino', 'ibm_fez'] } },
};
const m = (q: string): boolean => parseSearchQuery(q).matches(doc);

describe('Global Search query subset', () => {
  it('matches whole values case-insensitively, words only for bare terms', () => {
    expect(m('name:"qr ml team"')).toBe(true);
    expect(m('name:ML')).toBe(false);
    expect(m('ML')).toBe(true);
    expect(m('name:*ML*')).toBe(true);
    expect(m('doc.extensions.backends:ibm_fez')).toBe(true);
    expect(m('doc.resource_group_id:rg2')).toBe(false);
    expect(m('')).toBe(true);
  });

  it('keeps Lucene precedence: NOT binds tightest, then AND (also implicit), then OR', () => {
    expect(m('region:eu-de OR region:us-east AND tags:env\\:prod')).toBe(true);
    expect(m('region:eu-de OR region:us-east AND NOT tags:env\\:prod')).toBe(false);
    expect(m('(region:eu-de OR region:us-east) tags:qgov:owned')).toBe(true);
    expect(m('tags:(env:dev OR qgov:owned) AND NOT -region:us-east')).toBe(true);
  });

  it('matches wildcards without regular expressions: ? is one character, * any run, escapes are literal', () => {
    const long = { name: 'a'.repeat(5000) };
    // A pattern that makes backtracking regular expressions explode is an ordinary linear miss here.
    expect(parseSearchQuery(`name:${'*a'.repeat(40)}*b`).matches(long)).toBe(false);
    expect(parseSearchQuery(`name:${'*a'.repeat(40)}*`).matches(long)).toBe(true);
    expect(m('name:QR?ML?team')).toBe(true);
    expect(m('name:QR?ML')).toBe(false);
    expect(parseSearchQuery('name:a\\*b').matches({ name: 'a*b' })).toBe(true);
    expect(parseSearchQuery('name:a\\*b').matches({ name: 'axb' })).toBe(false);
  });

  it('throws QuerySyntaxError with the position', () => {
    expect(() => parseSearchQuery('name:(a OR b')).toThrow(QuerySyntaxError);
    expect(() => parseSearchQuery('a OR')).toThrow(/position 5/);
    expect(() => parseSearchQuery('na*me:x')).toThrow(/field name/);
    expect(() => parseSearchQuery('/re/')).toThrow(/regular expressions/);
  });
});
