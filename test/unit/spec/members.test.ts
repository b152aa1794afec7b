import fc from 'fast-check';
import { memberKey, parseMember, toModelMember, type ParsedMember } from '../../../src/spec/members';

const UUID = '0f9c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';

function ok(ref: string): ParsedMember {
  const r = parseMember(ref);
  if (r.kind === 'invalid') throw new Error(`expected ${ref} to parse: ${r.error}`);
  return r;
}

function err(ref: string): string {
  const r = parseMember(ref);
  if (r.kind !== 'invalid') throw new Error(`expected ${ref} to be invalid`);
  return r.error;
}

describe('parseMember', () => {
  it('parses every accepted form into its tagged variant', () => {
    expect(ok('Fatima@Example.com')).toEqual({ kind: 'user', by: 'email', raw: 'Fatima@Example.com', email: 'Fatima@Example.com', emailLower: 'fatima@example.com' });
    expect(ok('IBMid-550006JKXX')).toEqual({ kind: 'user', by: 'iamId', raw: 'IBMid-550006JKXX', iamId: 'IBMid-550006JKXX' });
    expect(ok('serviceId:ml-pipeline')).toEqual({ kind: 'serviceId', by: 'name', raw: 'serviceId:ml-pipeline', name: 'ml-pipeline' });
    expect(ok(`iam-ServiceId-${UUID}`)).toMatchObject({ kind: 'serviceId', by: 'iamId', iamId: `iam-ServiceId-${UUID}` });
    expect(ok('profile:ci runner')).toMatchObject({ kind: 'profile', by: 'name', name: 'ci runner' });
    expect(ok(`iam-Profile-${UUID}`)).toMatchObject({ kind: 'profile', by: 'iamId' });
  });

  it('explains invalid e-mail addresses', () => {
    expect(err('fatima@example')).toBe('"fatima@example" is not a valid e-mail address (the domain "example" has no top-level domain)');
    expect(err('a@@example.com')).toContain('more than one "@"');
    expect(err('.a@example.com')).toContain('misplaced "."');
    expect(err('a@-x.com')).toContain('the domain label "-x" is not valid');
    expect(err('a b@example.com')).toContain('characters not allowed');
  });

  it('gives hints for near misses', () => {
    expect(err('ServiceID:ml')).toBe('"ServiceID:ml": write service IDs as serviceId:ml (exact spelling of the prefix)');
    expect(err('Profile:ci')).toContain('profile:ci');
    expect(err('ibmid-550006JKXX')).toBe('"ibmid-550006JKXX": IAM IDs are case-sensitive; write IBMid-550006JKXX');
    expect(err(`ServiceId-${UUID}`)).toBe(`"ServiceId-${UUID}": write a service ID's IAM ID as iam-ServiceId-${UUID}`);
    expect(err('iam-ServiceId-123')).toContain('(iam-ServiceId-<uuid>)');
    expect(err('user:ravi@example.com')).toContain('bare e-mail address ravi@example.com');
    expect(err('ravi')).toContain('is not a member reference; expected an e-mail address');
  });

  it('rejects empty names and surrounding whitespace', () => {
    expect(err('serviceId:')).toContain('the name after the colon is empty');
    expect(err(' ravi@example.com')).toContain('leading or trailing whitespace');
    expect(err('')).toContain('member is empty');
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
      const r = parseMember(s);
      expect(r.raw).toBe(s);
    }));
  });
});

describe('memberKey', () => {
  it('is case-normalised and distinguishes kinds', () => {
    expect(memberKey(ok('Fatima@Example.com'))).toBe(memberKey(ok('fatima@example.COM')));
    expect(memberKey(ok('serviceId:ml'))).not.toBe(memberKey(ok('profile:ml')));
    expect(memberKey(ok(`iam-ServiceId-${UUID.toUpperCase()}`))).toBe(memberKey(ok(`iam-ServiceId-${UUID}`)));
    expect(memberKey(ok('Fatima@Example.com'))).toBe('user:fatima@example.com');
  });
});

describe('toModelMember', () => {
  it('maps to the model\'s unresolved member', () => {
    expect(toModelMember(ok('Fatima@Example.com'))).toEqual({ type: 'user', display: 'Fatima@Example.com', email: 'fatima@example.com' });
    expect(toModelMember(ok('serviceId:ml'))).toEqual({ type: 'service', display: 'serviceId:ml', name: 'ml' });
    expect(toModelMember(ok(`iam-Profile-${UUID}`))).toEqual({ type: 'profile', display: `iam-Profile-${UUID}`, iamId: `iam-Profile-${UUID}` });
  });
});
