import { accessSourceProblems, namedMembers } from '../../../src/cli/access-source';

describe('test/explain flags and the members a live read looks up', () => {
  it.each([
    [{}, []],
    [{ live: true }, []],
    [{ live: true, sandbox: true }, []],
    [{ live: true, sandbox: true, sandboxState: 's.json' }, []],
    [{ sandbox: true }, ['--sandbox needs --live (without --live nothing is read from any account)']],
    [{ live: true, sandboxState: 's.json' }, ['--sandbox-state needs --sandbox']],
  ])('%j', (flags, problems) => {
    expect(accessSourceProblems(flags)).toEqual(problems);
  });

  it('splits member whos by lookup and ignores the rest', () => {
    expect(namedMembers(['Fatima@Example.com', 'serviceId:ml-pipeline', 'profile:nb', 'IBMid-550006JKXX', 'project:ml/*', '*', 'claim:x', 'fatima@example.com', 'bad word'])).toEqual({
      emails: ['fatima@example.com'],
      serviceIds: ['ml-pipeline'],
      profiles: ['nb'],
    });
  });
});
