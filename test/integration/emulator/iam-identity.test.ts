import IamIdentityV1 from '@ibm-cloud/platform-services/iam-identity/v1';
import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { type Emulator } from '../../../src/emulator/server';
import { SAMPLE_SERVICE_IDS } from '../../../src/emulator/services/iam-identity';
import { SAMPLE_PROFILE } from '../../../src/emulator/services/iam-identity-profiles';

const ADMIN = 'IBMid-6600QGOV01';
const pageToken = (next: string | undefined): string | undefined => (next ? (new URL(next).searchParams.get('pagetoken') ?? undefined) : undefined);

async function tokenFor(emu: Emulator, apikey: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${emu.url}/identity/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey }).toString(),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

describe('emulator: IAM Identity through the SDK', () => {
  let emu: Emulator;
  let id: IamIdentityV1;
  let accountId: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    id = new IamIdentityV1(sdkOptions(emu));
    accountId = emu.config.accountId;
  });
  afterAll(() => emu.close());

  it('has the sample service IDs and profile', async () => {
    const list = await id.listServiceIds({ accountId });
    expect(list.result.serviceids.map((s) => s.name)).toEqual(expect.arrayContaining(SAMPLE_SERVICE_IDS.map((s) => s.name)));
    const p = await id.getProfile({ profileId: SAMPLE_PROFILE.id });
    expect(p.result).toMatchObject({ name: 'qgov-ci', iam_id: `iam-${SAMPLE_PROFILE.id}`, account_id: accountId });
  });

  it('creates, reads, updates (If-Match on entity_tag), locks and deletes a service ID', async () => {
    const created = await id.createServiceId({ accountId, name: 'etl', description: 'nightly' });
    expect(created.status).toBe(201);
    const s = created.result;
    expect(s.id).toMatch(/^ServiceId-[0-9a-f-]{36}$/);
    expect(s).toMatchObject({
      iam_id: `iam-${s.id}`,
      crn: `crn:v1:bluemix:public:iam-identity::a/${accountId}::serviceid:${s.id}`,
      locked: false,
      account_id: accountId,
      name: 'etl',
      description: 'nightly',
    });
    const got = await id.getServiceId({ id: s.id, includeHistory: true, includeActivity: true });
    expect(got.headers.etag).toBe(got.result.entity_tag);
    expect(got.result.history?.[0]).toMatchObject({ action: 'create', iam_id: ADMIN });
    expect(got.result.activity).toEqual({ authn_count: 0 });

    const upd = await id.updateServiceId({ id: s.id, ifMatch: got.result.entity_tag, description: 'hourly' });
    expect(upd.result.description).toBe('hourly');
    await expect(id.updateServiceId({ id: s.id, ifMatch: got.result.entity_tag, description: 'x' })).rejects.toMatchObject({ status: 412 });

    expect((await id.lockServiceId({ id: s.id })).status).toBe(204);
    expect((await id.getServiceId({ id: s.id })).result.locked).toBe(true);
    const fresh = (await id.getServiceId({ id: s.id })).result.entity_tag;
    await expect(id.updateServiceId({ id: s.id, ifMatch: fresh, name: 'x' })).rejects.toMatchObject({ status: 409 });
    await expect(id.deleteServiceId({ id: s.id })).rejects.toMatchObject({ status: 409 });
    expect((await id.unlockServiceId({ id: s.id })).status).toBe(204);
    expect((await id.deleteServiceId({ id: s.id })).status).toBe(204);
    const gone = id.getServiceId({ id: s.id });
    await expect(gone).rejects.toMatchObject({ status: 404, result: { status_code: '404', errors: [{ code: 'not_found', message_code: expect.stringMatching(/^BXNIM/) }] } });
  });

  it('lists service IDs with pagesize/pagetoken, next only while more follow, and name filter', async () => {
    for (let i = 0; i < 5; i++) await id.createServiceId({ accountId, name: `paged-${i}` });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await id.listServiceIds({ accountId, pagesize: 2, ...(token ? { pagetoken: token } : {}) });
      expect(r.result.limit).toBe(2);
      seen.push(...r.result.serviceids.map((s) => s.name));
      token = pageToken(r.result.next);
      pages++;
    } while (token && pages < 20);
    expect(seen.filter((n) => n.startsWith('paged-'))).toHaveLength(5);
    const one = await id.listServiceIds({ accountId, name: 'paged-3', pagesize: 100 });
    expect(one.result).toMatchObject({ offset: 0, serviceids: [{ name: 'paged-3' }] });
    expect(one.result.next).toBeUndefined();
    await expect(id.listServiceIds({ accountId, pagesize: 0 })).rejects.toMatchObject({ status: 400 });
    await expect(id.listServiceIds({ accountId, pagetoken: 'garbage' })).rejects.toMatchObject({ status: 400 });
  });

  it('validates input in the identity error shape (400 for a malformed account, 403 for another)', async () => {
    await expect(id.createServiceId({ accountId: 'invalid', name: 'x' })).rejects.toMatchObject({ status: 400 });
    await expect(id.createServiceId({ accountId: 'ffffffffffffffffffffffffffffffff', name: 'x' })).rejects.toMatchObject({ status: 403 });
    const res = await fetch(`${emu.url}/v1/serviceids`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${String((await tokenFor(emu, emu.config.apiKey)).body.access_token)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ account_id: accountId, name: ['not', 'a', 'string'] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status_code: '400', errors: [{ code: 'invalid_parameter' }], context: expect.any(Object) });
  });

  it("issues API keys that authenticate as the service ID and records last_authn", async () => {
    const s = (await id.createServiceId({ accountId, name: 'ci', apikey: { name: 'ci-key' } })).result;
    const inline = s.apikey as { apikey: string; id: string };
    expect(inline.apikey).toEqual(expect.any(String));
    const k = await id.createApiKey({ name: 'second', iamId: s.iam_id, description: 'd' });
    expect(k.status).toBe(201);
    expect(k.result).toMatchObject({ iam_id: s.iam_id, account_id: accountId, created_by: ADMIN, locked: false, disabled: false, support_sessions: false, action_when_leaked: 'none' });
    const value = k.result.apikey;

    const t = await tokenFor(emu, value);
    expect(t.status).toBe(200);
    const claims = JSON.parse(Buffer.from(String(t.body.access_token).split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ iam_id: s.iam_id, sub: s.id, realmid: 'iam', sub_type: 'ServiceId' });

    const read = await id.getApiKey({ id: k.result.id, includeActivity: true });
    expect(read.result).not.toHaveProperty('apikey');
    expect(read.result.activity).toMatchObject({ authn_count: 1, last_authn: expect.any(String) });
    const sid = await id.getServiceId({ id: s.id, includeActivity: true });
    expect(sid.result.activity).toMatchObject({ authn_count: 1 });

    const details = await id.getApiKeysDetails({ iamApiKey: value });
    expect(details.result.id).toBe(k.result.id);
    const listed = await id.listApiKeys({ accountId, iamId: s.iam_id });
    expect(listed.result.apikeys.map((x) => x.name).sort()).toEqual(['ci-key', 'second']);

    expect((await id.disableApiKey({ id: k.result.id })).status).toBe(204);
    expect((await tokenFor(emu, value)).status).toBe(400);
    expect((await id.enableApiKey({ id: k.result.id })).status).toBe(204);
    expect((await tokenFor(emu, value)).status).toBe(200);
    expect((await id.lockApiKey({ id: k.result.id })).status).toBe(204);
    await expect(id.deleteApiKey({ id: k.result.id })).rejects.toMatchObject({ status: 409 });
    await id.unlockApiKey({ id: k.result.id });
    const tag = (await id.getApiKey({ id: k.result.id })).result.entity_tag as string;
    expect((await id.updateApiKey({ id: k.result.id, ifMatch: tag, description: 'new' })).result.description).toBe('new');
    expect((await id.deleteApiKey({ id: k.result.id })).status).toBe(204);
    expect((await tokenFor(emu, value)).status).toBe(400);

    // Deleting the service ID revokes its remaining key and its group memberships.
    const ag = new IamAccessGroupsV2(sdkOptions(emu));
    const g = (await ag.createAccessGroup({ accountId, name: 'ci-group' })).result.id as string;
    await ag.addMembersToAccessGroup({ accessGroupId: g, members: [{ iam_id: s.iam_id, type: 'service' }] });
    await id.deleteServiceId({ id: s.id });
    expect((await tokenFor(emu, inline.apikey)).status).toBe(400);
    await expect(ag.isMemberOfAccessGroup({ accessGroupId: g, iamId: s.iam_id })).rejects.toMatchObject({ status: 404 });
  });

  it('caps API keys at 20 per identity and refuses expired keys at the token endpoint', async () => {
    const s = (await id.createServiceId({ accountId, name: 'many-keys' })).result;
    for (let i = 0; i < 20; i++) await id.createApiKey({ name: `k${i}`, iamId: s.iam_id });
    await expect(id.createApiKey({ name: 'k20', iamId: s.iam_id })).rejects.toMatchObject({ status: 400 });
    const other = (await id.createServiceId({ accountId, name: 'expiring' })).result;
    const k = await id.createApiKey({ name: 'short', iamId: other.iam_id, expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await tokenFor(emu, k.result.apikey)).status).toBe(200);
    emu.control.advanceClock(120_000);
    expect((await tokenFor(emu, k.result.apikey)).status).toBe(400);
  });

  it('manages trusted profiles, claim rules, links and identities', async () => {
    const p = (await id.createProfile({ name: 'runner', accountId, description: 'd' })).result;
    expect(p.id).toMatch(/^Profile-/);
    expect(p.iam_id).toBe(`iam-${p.id}`);
    const got = await id.getProfile({ profileId: p.id, includeActivity: true });
    expect(got.headers.etag).toBe(got.result.entity_tag);
    expect((await id.updateProfile({ profileId: p.id, ifMatch: got.result.entity_tag, description: 'new' })).result.description).toBe('new');
    await expect(id.getProfile({ profileId: 'invalid' })).rejects.toMatchObject({ status: 404 });
    await expect(id.updateProfile({ profileId: 'invalid', ifMatch: 'x', description: 'y' })).rejects.toMatchObject({ status: 404 });
    await expect(id.createProfile({ name: 'x', accountId: 'invalid' })).rejects.toMatchObject({ status: 400 });
    const profiles = await id.listProfiles({ accountId, pagesize: 100 });
    expect(profiles.result.profiles.map((x) => x.name)).toEqual(expect.arrayContaining(['qgov-ci', 'runner']));

    const conditions = [{ claim: 'blueGroups', operator: 'EQUALS', value: '"ml"' }];
    const rule = await id.createClaimRule({ profileId: p.id, type: 'Profile-SAML', realmName: 'https://idp', expiration: 43200, conditions });
    expect(rule.status).toBe(201);
    const r = await id.getClaimRule({ profileId: p.id, ruleId: rule.result.id });
    const ur = await id.updateClaimRule({ profileId: p.id, ruleId: rule.result.id, ifMatch: r.result.entity_tag, type: 'Profile-SAML', realmName: 'https://idp', expiration: 3600, conditions });
    expect(ur.result.expiration).toBe(3600);
    expect((await id.listClaimRules({ profileId: p.id })).result.rules).toHaveLength(1);
    await expect(id.createClaimRule({ profileId: p.id, type: 'Profile-SAML', conditions })).rejects.toMatchObject({ status: 400 });
    expect((await id.deleteClaimRule({ profileId: p.id, ruleId: rule.result.id })).status).toBe(204);

    const crn = `crn:v1:bluemix:public:iam-identity::a/${accountId}::computeresource:x`;
    const link = await id.createLink({ profileId: p.id, name: 'l', crType: 'ROKS_SA', link: { crn, namespace: 'default', name: 'sa' } });
    expect(link.result).toMatchObject({ name: 'l', cr_type: 'ROKS_SA', link: { crn, namespace: 'default', name: 'sa' } });
    expect((await id.listLinks({ profileId: p.id })).result.links).toHaveLength(1);
    expect((await id.deleteLinkByParameters({ profileId: p.id, type: 'ROKS_SA', crn })).status).toBe(204);
    await expect(id.getLink({ profileId: p.id, linkId: link.result.id })).rejects.toMatchObject({ status: 404 });

    const ids0 = await id.getProfileIdentities({ profileId: p.id });
    const set = await id.setProfileIdentities({ profileId: p.id, ifMatch: ids0.result.entity_tag as string, identities: [{ identifier: ADMIN, type: 'user', accounts: [accountId] }] });
    expect(set.result.identities).toEqual([{ iam_id: ADMIN, identifier: ADMIN, type: 'user', accounts: [accountId] }]);
    await expect(id.setProfileIdentities({ profileId: p.id, ifMatch: ids0.result.entity_tag as string, identities: [] })).rejects.toMatchObject({ status: 412 });
    expect((await id.getProfileIdentity({ profileId: p.id, identityType: 'user', identifierId: ADMIN })).result.identifier).toBe(ADMIN);
    expect((await id.deleteProfileIdentity({ profileId: p.id, identityType: 'user', identifierId: ADMIN })).status).toBe(204);
    expect((await id.deleteProfile({ profileId: p.id })).status).toBe(204);
  });

  it('reads and updates identity account settings with If-Match, and reports effective settings', async () => {
    const s = await id.getAccountSettings({ accountId });
    expect(s.headers.etag).toBe(s.result.entity_tag);
    expect(s.result).toMatchObject({ account_id: accountId, restrict_create_service_id: 'NOT_SET', mfa: 'NONE', user_mfa: [], history: [] });
    const u = await id.updateAccountSettings({
      accountId,
      ifMatch: s.result.entity_tag,
      restrictCreateServiceId: 'RESTRICTED',
      mfa: 'TOTP',
      sessionExpirationInSeconds: '86400',
      userMfa: [{ iam_id: ADMIN, mfa: 'NONE' }],
    });
    expect(u.result).toMatchObject({ restrict_create_service_id: 'RESTRICTED', mfa: 'TOTP', session_expiration_in_seconds: '86400' });
    expect(u.result.entity_tag).toBe(u.headers.etag);
    await expect(id.updateAccountSettings({ accountId, ifMatch: s.result.entity_tag, mfa: 'NONE' })).rejects.toMatchObject({ status: 412 });
    await expect(id.updateAccountSettings({ accountId, ifMatch: u.result.entity_tag, sessionExpirationInSeconds: '10' })).rejects.toMatchObject({ status: 400 });
    await expect(id.updateAccountSettings({ accountId, ifMatch: u.result.entity_tag, mfa: 'SOMETIMES' })).rejects.toMatchObject({ status: 400 });
    const eff = await id.getEffectiveAccountSettings({ accountId });
    expect(eff.result.effective).toMatchObject({ mfa: 'TOTP' });
    const status = await id.getMfaStatus({ accountId, iamId: ADMIN });
    expect(status.result).toMatchObject({ iam_id: ADMIN, effective_mfa_type: 'NONE' });
    await id.updateAccountSettings({ accountId, ifMatch: u.result.entity_tag, restrictCreateServiceId: 'NOT_SET', mfa: 'NONE', userMfa: [] });
  });

  it('produces activity reports asynchronously (202, then 204 until ready, then 200)', async () => {
    const created = await id.createReport({ accountId, type: 'inactive', duration: '720' });
    expect(created.status).toBe(202);
    const reference = created.result.reference;
    expect((await id.getReport({ accountId, reference })).status).toBe(204);
    emu.control.advanceClock(2000);
    const rep = await id.getReport({ accountId, reference: 'latest' });
    expect(rep.status).toBe(200);
    expect(rep.result).toMatchObject({ reference, created_by: ADMIN, report_duration: '720' });
    // The admin authenticated (the SDK did), the sample users never did.
    expect(rep.result.users?.map((x) => x.iam_id)).toEqual(expect.arrayContaining(['IBMid-6600QGOV02']));
    expect(rep.result.users?.map((x) => x.iam_id)).not.toContain(ADMIN);
    await expect(id.getReport({ accountId, reference: 'test123' })).rejects.toMatchObject({ status: 404 });
    const mfa = await id.createMfaReport({ accountId, type: 'mfa_status' });
    emu.control.advanceClock(2000);
    const mr = await id.getMfaReport({ accountId, reference: mfa.result.reference });
    expect(mr.result.users?.length).toBeGreaterThanOrEqual(5);
  });

  it('stores preferences per identity and reports limits', async () => {
    const params = { accountId, iamId: ADMIN, service: 'console', preferenceId: 'landing_page' };
    expect((await id.updatePreferenceOnScopeAccount({ ...params, valueString: '/billing' })).result).toMatchObject({ id: 'landing_page', value_string: '/billing', scope: 'account' });
    expect((await id.getPreferencesOnScopeAccount(params)).result.value_string).toBe('/billing');
    expect((await id.getAllPreferencesOnScopeAccount({ accountId, iamId: ADMIN })).result.preferences).toHaveLength(1);
    expect((await id.deletePreferencesOnScopeAccount(params)).status).toBe(204);
    await expect(id.getPreferencesOnScopeAccount(params)).rejects.toMatchObject({ status: 404 });
    const limits = await id.getAccountLimits({ accountId });
    expect(limits.result.profiles).toMatchObject({ limit: 2000, count: expect.any(Number) });
  });
});
