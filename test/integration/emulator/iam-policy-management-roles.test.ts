import IamPolicyManagementV1 from '@ibm-cloud/platform-services/iam-policy-management/v1';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { type Emulator } from '../../../src/emulator/server';
import { iamAccessGroups } from '../../../src/emulator/services/iam-access-groups';
import { iamPolicyManagement } from '../../../src/emulator/services/iam-policy-management';

type Json = Record<string, unknown>;

const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';

describe('emulator: IAM Policy Management — custom roles and the role catalogue', () => {
  let emu: Emulator;
  let client: IamPolicyManagementV1;
  let account: string;
  let token: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    client = new IamPolicyManagementV1(sdkOptions(emu));
    account = emu.config.accountId;
    iamAccessGroups.seed?.(emu.env, { accessGroups: [{ id: 'AccessGroupId-roles', name: 'roles' }] });
    const res = await fetch(`${emu.url}/identity/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: emu.config.apiKey }).toString(),
    });
    token = String(((await res.json()) as Json).access_token);
  });
  afterAll(() => emu.close());

  async function raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${emu.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
  }
  const firstError = (e: unknown): Json => ((e as { result: { errors: Json[] } }).result.errors[0] as Json);
  const statusOf = (e: unknown): number => (e as { status: number }).status;

  const reader = (): IamPolicyManagementV1.CreateRoleParams => ({
    name: 'QRreader',
    displayName: 'Qiskit Runtime reader',
    description: 'qgov-managed',
    actions: ['quantum-computing.device.read', 'quantum-computing.job.read'],
    accountId: account,
    serviceName: 'quantum-computing',
  });

  let roleId: string;
  let crn: string;
  let etag: string;

  it('creates a custom role: 201 + ETag, IBM fields, crn of the account', async () => {
    const res = await client.createRole(reader());
    expect(res.status).toBe(201);
    expect(res.headers.etag).toMatch(/^1-[0-9a-f]{32}$/);
    roleId = String(res.result.id);
    crn = String(res.result.crn);
    etag = String(res.headers.etag);
    expect(res.result).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      display_name: 'Qiskit Runtime reader',
      description: 'qgov-managed',
      actions: ['quantum-computing.device.read', 'quantum-computing.job.read'],
      crn: `crn:v1:bluemix:public:iam-access-management::a/${account}::customRole:QRreader`,
      name: 'QRreader',
      account_id: account,
      service_name: 'quantum-computing',
      created_at: expect.stringMatching(/Z$/),
      created_by_id: expect.stringMatching(/^IBMid-/),
      last_modified_at: res.result.created_at,
      last_modified_by_id: res.result.created_by_id,
      href: `${emu.url}/v2/roles/${roleId}`,
    });
    const got = await client.getRole({ roleId });
    expect(got.headers.etag).toBe(etag);
    expect(got.result).toEqual(res.result);
  });

  it.each([
    ['lower-case name', 'name', { name: 'qrReader' }],
    ['name with a dash', 'name', { name: 'QR-reader' }],
    ['name too long', 'name', { name: `Q${'r'.repeat(30)}` }],
    ['display name too long', 'display_name', { displayName: 'd'.repeat(51) }],
    ['description too long', 'description', { description: 'd'.repeat(251) }],
    ['no actions', 'actions', { actions: [] }],
    ['unknown service', 'service_name', { serviceName: 'quantum-computer' }],
  ])('refuses %s with 400 naming %s', async (_n, field, patch) => {
    const e = await client.createRole({ ...reader(), name: 'Other', displayName: 'Other', ...patch }).catch((x: unknown) => x);
    expect(statusOf(e)).toBe(400);
    expect(firstError(e)).toMatchObject({ code: 'invalid_body', target: { name: field, type: 'field' } });
  });

  it('names the action that is not in the service catalogue (strict mode; by default only another service\'s action is refused)', async () => {
    const strict = await startTestEmulator({ strict: true });
    try {
      const e = await new IamPolicyManagementV1(sdkOptions(strict))
        .createRole({ ...reader(), accountId: strict.config.accountId, name: 'Other', displayName: 'Other', actions: ['quantum-computing.job.read', 'quantum-computing.job.teleport'] })
        .catch((x: unknown) => x);
      expect(statusOf(e)).toBe(400);
      expect(firstError(e)).toMatchObject({ target: { name: 'actions[1]' }, message: expect.stringContaining("'quantum-computing.job.teleport'") });
    } finally {
      await strict.close();
    }
    const other = await client.createRole({ ...reader(), name: 'Other', displayName: 'Other', actions: ['iam-groups.groups.read'] }).catch((x: unknown) => x);
    expect(statusOf(other)).toBe(400);
    expect(firstError(other)).toMatchObject({ target: { name: 'actions[0]' } });
  });

  it('refuses a duplicate name or display name with 409 role_conflict_error', async () => {
    const byName = await client.createRole({ ...reader(), displayName: 'Another display name' }).catch((x: unknown) => x);
    expect(statusOf(byName)).toBe(409);
    expect(firstError(byName).code).toBe('role_conflict_error');
    const byDisplay = await client.createRole({ ...reader(), name: 'QRreader2' }).catch((x: unknown) => x);
    expect(statusOf(byDisplay)).toBe(409);
    // Display names are unique per service only.
    const elsewhere = await client.createRole({ ...reader(), name: 'GroupsReader', serviceName: 'iam-groups', actions: ['iam-groups.groups.read'] });
    expect(elsewhere.status).toBe(201);
    await client.deleteRole({ roleId: String(elsewhere.result.id) });
  });

  it('refuses another account (403) and a raw body without fields (400)', async () => {
    const e = await client.createRole({ ...reader(), name: 'X', displayName: 'X', accountId: 'ffffffffffffffffffffffffffffffff' }).catch((x: unknown) => x);
    expect(statusOf(e)).toBe(403);
    expect((await raw('POST', '/v2/roles', {})).status).toBe(400);
    expect((await raw('POST', '/v2/roles', { ...reader(), display_name: 7 })).status).toBe(400);
    expect((await raw('GET', '/v2/roles/nope')).status).toBe(404);
  });

  it('replaces with If-Match: 428 without, 412 stale, 200 with a new ETag; name is immutable', async () => {
    expect((await raw('PUT', `/v2/roles/${roleId}`, { display_name: 'x', actions: ['quantum-computing.job.read'] })).status).toBe(428);
    const stale = await client.replaceRole({ roleId, ifMatch: '7-00', displayName: 'x', actions: ['quantum-computing.job.read'] }).catch((x: unknown) => x);
    expect(statusOf(stale)).toBe(412);
    const rename = await raw('PUT', `/v2/roles/${roleId}`, { name: 'Renamed', display_name: 'x', actions: ['quantum-computing.job.read'] }, { 'If-Match': etag });
    expect(rename.status).toBe(400);
    const res = await client.replaceRole({
      roleId,
      ifMatch: etag,
      displayName: 'Qiskit Runtime reader v2',
      actions: ['quantum-computing.device.read', 'quantum-computing.job.read', 'quantum-computing.session.read'],
    });
    expect(res.status).toBe(200);
    expect(res.headers.etag).toMatch(/^2-/);
    expect(res.result).toMatchObject({ name: 'QRreader', crn, display_name: 'Qiskit Runtime reader v2', description: 'qgov-managed' });
    expect(res.result.actions).toHaveLength(3);
    etag = String(res.headers.etag);
  });

  it('lists custom, service and system roles for quantum-computing', async () => {
    const res = await client.listRoles({ accountId: account, serviceName: 'quantum-computing' });
    expect(res.result.custom_roles.map((r) => r.name)).toEqual(['QRreader']);
    expect(res.result.service_roles.map((r) => r.display_name)).toEqual(['Reader', 'Writer', 'Manager']);
    expect(res.result.system_roles.map((r) => r.crn)).toEqual([
      'crn:v1:bluemix:public:iam::::role:Viewer',
      'crn:v1:bluemix:public:iam::::role:Operator',
      'crn:v1:bluemix:public:iam::::role:Editor',
      'crn:v1:bluemix:public:iam::::role:Administrator',
    ]);
    const manager = res.result.service_roles.find((r) => r.display_name === 'Manager');
    const writer = res.result.service_roles.find((r) => r.display_name === 'Writer');
    expect(manager?.actions).toContain('quantum-computing.job.delete');
    expect(writer?.actions).not.toContain('quantum-computing.job.delete');
    expect(writer?.actions).toEqual(expect.arrayContaining(['quantum-computing.job.create', 'quantum-computing.session.create', 'quantum-computing.account-analytics-usage.read']));
    const groups = await client.listRoles({ accountId: account, serviceName: 'iam-groups' });
    expect(groups.result.custom_roles).toEqual([]);
    expect(groups.result.service_roles).toHaveLength(3);
    const both = await raw('GET', `/v2/roles?account_id=${account}&service_name=iam-groups&service_group_id=IAM`);
    expect(both.status).toBe(400);
  });

  it('lets policies use the role on its own service only, and refuses to delete it while used', async () => {
    const resource = (service: string) => ({
      attributes: [
        { key: 'accountId', operator: 'stringEquals', value: account },
        { key: 'serviceName', operator: 'stringEquals', value: service },
        { key: 'serviceInstance', operator: 'stringEquals', value: 'inst-roles' },
      ],
    });
    const subject = { attributes: [{ key: 'access_group_id', operator: 'stringEquals', value: 'AccessGroupId-roles' }] };
    const wrong = await client
      .createV2Policy({ type: 'access', subject, control: { grant: { roles: [{ role_id: crn }] } }, resource: resource('iam-groups') })
      .catch((x: unknown) => x);
    expect(statusOf(wrong)).toBe(400);
    const p = await client.createV2Policy({ type: 'access', subject, control: { grant: { roles: [{ role_id: VIEWER }, { role_id: crn }] } }, resource: resource('quantum-computing') });
    expect(p.status).toBe(201);
    const v1 = await client.getPolicy({ policyId: String(p.result.id) });
    expect(v1.result.roles[1]).toEqual({ role_id: crn, display_name: 'Qiskit Runtime reader v2', description: 'qgov-managed' });
    const display = await client.getV2Policy({ id: String(p.result.id), format: 'display' });
    const roles = (display.result.control as { grant: { roles: Array<{ actions: Json[] }> } }).grant.roles;
    expect(roles[1]?.actions.map((a) => a.id)).toEqual(['quantum-computing.device.read', 'quantum-computing.job.read', 'quantum-computing.session.read']);

    const inUse = await client.deleteRole({ roleId }).catch((x: unknown) => x);
    expect(statusOf(inUse)).toBe(409);
    expect(firstError(inUse).message).toContain(String(p.result.id));
    await client.deleteV2Policy({ id: String(p.result.id) });
    expect((await client.deleteRole({ roleId })).status).toBe(204);
    const gone = await client.getRole({ roleId }).catch((x: unknown) => x);
    expect(statusOf(gone)).toBe(404);
    expect(firstError(gone).code).toBe('role_not_found');
    // The deleted role no longer validates in policies.
    const stale = await client
      .createV2Policy({ type: 'access', subject, control: { grant: { roles: [{ role_id: crn }] } }, resource: resource('quantum-computing') })
      .catch((x: unknown) => x);
    expect(statusOf(stale)).toBe(400);
  });

  it('enforces 40 custom roles per account (seeded) with a 400', async () => {
    const roles = Array.from({ length: 40 }, (_, i) => ({
      name: `Seeded${i}`,
      display_name: `Seeded ${i}`,
      actions: ['quantum-computing.job.read'],
      service_name: 'quantum-computing',
    }));
    iamPolicyManagement.seed?.(emu.env, { roles });
    const e = await client.createRole({ ...reader(), name: 'FortyFirst', displayName: 'Forty first' }).catch((x: unknown) => x);
    expect(statusOf(e)).toBe(400);
    expect(firstError(e)).toMatchObject({ code: 'request_not_processed', message: expect.stringContaining('40') });
    const listed = await client.listRoles({ accountId: account });
    expect(listed.result.custom_roles).toHaveLength(40);
    expect(() => iamPolicyManagement.seed?.(emu.env, { roles: [{ name: 'bad name' }] })).toThrow(/seed roles\[0\]/);
  });
});
