import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2';
import IamPolicyManagementV1 from '@ibm-cloud/platform-services/iam-policy-management/v1';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { type Emulator } from '../../../src/emulator/server';
import { iamAccessGroups } from '../../../src/emulator/services/iam-access-groups';
import { iamPolicyManagement } from '../../../src/emulator/services/iam-policy-management';

type Json = Record<string, unknown>;

const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';
const EDITOR = 'crn:v1:bluemix:public:iam::::role:Editor';
const READER = 'crn:v1:bluemix:public:iam::::serviceRole:Reader';
const WRITER = 'crn:v1:bluemix:public:iam::::serviceRole:Writer';
const DT = '{{environment.attributes.current_date_time}}';

describe('emulator: IAM Policy Management — policies', () => {
  let emu: Emulator;
  let client: IamPolicyManagementV1;
  let account: string;
  let token: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    client = new IamPolicyManagementV1(sdkOptions(emu));
    account = emu.config.accountId;
    // Access-group subjects must exist: seed the groups the tests grant to.
    iamAccessGroups.seed?.(emu.env, {
      accessGroups: ['v1group', 'paging', 'limits'].map((n) => ({ id: `AccessGroupId-${n}`, name: n })),
    });
    const res = await fetch(`${emu.url}/identity/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: emu.config.apiKey }).toString(),
    });
    token = String(((await res.json()) as Json).access_token);
  });
  afterAll(() => emu.close());

  /** Raw request for what the SDK refuses to send (missing fields, bad JSON, missing If-Match). */
  async function raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json; headers: Headers }> {
    const res = await fetch(`${emu.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {}, headers: res.headers };
  }

  const v1Resource = (extra: Array<{ name: string; value: string; operator?: string }> = []) => [
    { attributes: [{ name: 'accountId', value: account, operator: 'stringEquals' }, { name: 'serviceName', value: 'quantum-computing' }, ...extra] },
  ];
  const v2Resource = (extra: Array<{ key: string; operator: string; value: unknown }> = []) => ({
    attributes: [{ key: 'accountId', operator: 'stringEquals', value: account }, { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' }, ...extra],
  });
  const firstError = (e: unknown): Json => ((e as { result: { errors: Json[] } }).result.errors[0] as Json);

  describe('v1', () => {
    let id: string;
    let etag: string;

    it('creates a policy: 201, ETag header, v1 shape echoing what was sent', async () => {
      const res = await client.createPolicy({
        type: 'access',
        subjects: [{ attributes: [{ name: 'iam_id', value: 'IBMid-v1user' }] }],
        roles: [{ role_id: VIEWER }],
        resources: v1Resource([{ name: 'serviceInstance', value: 'inst-1' }]),
        description: 'qgov-managed',
      });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toMatch(/^1-[0-9a-f]{32}$/);
      const p = res.result;
      id = String(p.id);
      etag = String(res.headers.etag);
      expect(p).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'access',
        description: 'qgov-managed',
        subjects: [{ attributes: [{ name: 'iam_id', value: 'IBMid-v1user' }] }],
        roles: [{ role_id: VIEWER, display_name: 'Viewer', description: expect.stringContaining('viewer') }],
        resources: [
          {
            attributes: [
              { name: 'accountId', value: account, operator: 'stringEquals' },
              { name: 'serviceName', value: 'quantum-computing' },
              { name: 'serviceInstance', value: 'inst-1' },
            ],
          },
        ],
        href: `${emu.url}/v1/policies/${id}`,
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        created_by_id: expect.stringMatching(/^IBMid-/),
        last_modified_at: p.created_at,
        last_modified_by_id: p.created_by_id,
        state: 'active',
      });
    });

    it('gets it with the same ETag', async () => {
      const res = await client.getPolicy({ policyId: id });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toBe(etag);
      expect(res.result.id).toBe(id);
    });

    it('answers a second identical grant with 409 policy_conflict_error naming the existing policy', async () => {
      const err = await client
        .createPolicy({
          type: 'access',
          subjects: [{ attributes: [{ name: 'iam_id', value: 'IBMid-v1user' }] }],
          roles: [{ role_id: EDITOR }],
          // Same attributes in another order, and the default operator spelled out: still identical.
          resources: [
            {
              attributes: [
                { name: 'serviceInstance', value: 'inst-1', operator: 'stringEquals' },
                { name: 'serviceName', value: 'quantum-computing' },
                { name: 'accountId', value: account },
              ],
            },
          ],
        })
        .catch((e: unknown) => e);
      expect((err as { status: number }).status).toBe(409);
      const e0 = firstError(err);
      expect(e0.code).toBe('policy_conflict_error');
      expect(e0.message).toContain(id);
      expect(e0.details).toEqual({ conflicts_with: { etag, policy: expect.objectContaining({ id, roles: [expect.objectContaining({ role_id: VIEWER })] }) } });
      expect((err as { result: Json }).result.status_code).toBe(409);
    });

    it('replaces with If-Match: stale → 412, current → 200 and a new ETag', async () => {
      const body = {
        policyId: id,
        type: 'access',
        subjects: [{ attributes: [{ name: 'iam_id', value: 'IBMid-v1user' }] }],
        roles: [{ role_id: VIEWER }, { role_id: READER }],
        resources: v1Resource([{ name: 'serviceInstance', value: 'inst-1' }]),
      };
      const stale = await client.replacePolicy({ ...body, ifMatch: '1-00000000000000000000000000000000' }).catch((e: unknown) => e);
      expect((stale as { status: number }).status).toBe(412);
      const res = await client.replacePolicy({ ...body, ifMatch: etag });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toMatch(/^2-[0-9a-f]{32}$/);
      expect(res.result.roles.map((r) => r.role_id)).toEqual([VIEWER, READER]);
      // PUT replaces: the description that was not sent again is gone.
      expect(res.result).not.toHaveProperty('description');
      etag = String(res.headers.etag);
    });

    it('refuses a replace without If-Match (428) and a type change (400)', async () => {
      const r = await raw('PUT', `/v1/policies/${id}`, { type: 'access', subjects: [], roles: [], resources: [] });
      expect(r.status).toBe(428);
      const t = await raw(
        'PUT',
        `/v1/policies/${id}`,
        {
          type: 'authorization',
          subjects: [{ attributes: [{ name: 'serviceName', value: 'cloud-object-storage' }, { name: 'accountId', value: account }] }],
          roles: [{ role_id: READER }],
          resources: v1Resource(),
        },
        { 'If-Match': etag },
      );
      expect(t.status).toBe(400);
      expect((t.body.errors as Json[])[0]).toMatchObject({ code: 'invalid_body', target: { name: 'type', type: 'field' } });
    });

    it('lists with filters and include_last_permit', async () => {
      await client.createPolicy({
        type: 'access',
        subjects: [{ attributes: [{ name: 'access_group_id', value: 'AccessGroupId-v1group' }] }],
        roles: [{ role_id: VIEWER }],
        resources: [{ attributes: [{ name: 'accountId', value: account }, { name: 'serviceType', value: 'service' }], tags: [{ name: 'project', value: 'ml', operator: 'stringEquals' }] }],
      });
      const byIam = await client.listPolicies({ accountId: account, iamId: 'IBMid-v1user', format: 'include_last_permit' });
      expect(byIam.result.policies).toHaveLength(1);
      expect(byIam.result.policies[0]).toMatchObject({ id, last_permit_frequency: 0 });
      expect(byIam.result.policies[0]).not.toHaveProperty('last_permit_at');
      const byGroup = await client.listPolicies({ accountId: account, accessGroupId: 'AccessGroupId-v1group' });
      expect(byGroup.result.policies.map((p) => p.subjects[0]?.attributes[0]?.value)).toEqual(['AccessGroupId-v1group']);
      const byTag = await client.listPolicies({ accountId: account, tagName: 'project', tagValue: 'ml' });
      expect(byTag.result.policies).toHaveLength(1);
      const byServiceType = await client.listPolicies({ accountId: account, serviceType: 'service' });
      expect(byServiceType.result.policies).toHaveLength(1);
      const none = await client.listPolicies({ accountId: account, type: 'authorization' });
      expect(none.result.policies).toEqual([]);
      expect(none.result).not.toHaveProperty('next');
    });

    it('deletes: 204, then GET 404, listed under state=deleted, restorable by PATCH with the ETag it had', async () => {
      const del = await client.deletePolicy({ policyId: id });
      expect(del.status).toBe(204);
      const get = await client.getPolicy({ policyId: id }).catch((e: unknown) => e);
      expect((get as { status: number }).status).toBe(404);
      expect(firstError(get).code).toBe('policy_not_found');
      const deleted = await client.listPolicies({ accountId: account, state: 'deleted' });
      expect(deleted.result.policies.map((p) => [p.id, p.state])).toEqual([[id, 'deleted']]);
      const active = await client.listPolicies({ accountId: account, iamId: 'IBMid-v1user' });
      expect(active.result.policies).toEqual([]);
      const restored = await client.updatePolicyState({ policyId: id, ifMatch: etag, state: 'active' });
      expect(restored.status).toBe(200);
      expect(restored.result.state).toBe('active');
      expect(restored.headers.etag).not.toBe(etag);
      expect((await client.getPolicy({ policyId: id })).result.state).toBe('active');
      const again = await client.updatePolicyState({ policyId: id, ifMatch: String(restored.headers.etag), state: 'deleted' });
      expect(again.result.state).toBe('deleted');
      const gone = await client.deletePolicy({ policyId: id }).catch((e: unknown) => e);
      expect((gone as { status: number }).status).toBe(404);
    });
  });

  describe('v2', () => {
    let id: string;
    let etag: string;
    const subject = { attributes: [{ key: 'iam_id', operator: 'stringEquals', value: 'IBMid-temp1' }] };
    const rule = {
      operator: 'and',
      conditions: [
        { key: DT, operator: 'dateTimeGreaterThanOrEquals', value: '2026-01-01T00:00:00+00:00' },
        { key: DT, operator: 'dateTimeLessThanOrEquals', value: '2026-12-31T00:00:00+00:00' },
      ],
    };

    it('creates a time-based policy: 201 + ETag, v2 shape with rule and pattern echoed', async () => {
      const res = await client.createV2Policy({
        type: 'access',
        subject,
        control: { grant: { roles: [{ role_id: WRITER }, { role_id: VIEWER }] } },
        resource: v2Resource([{ key: 'serviceInstance', operator: 'stringEquals', value: 'inst-2' }]),
        pattern: 'time-based-conditions:once',
        rule,
        description: 'temporary grant',
      });
      expect(res.status).toBe(201);
      expect(res.headers.etag).toMatch(/^1-[0-9a-f]{32}$/);
      id = String(res.result.id);
      etag = String(res.headers.etag);
      expect(res.result).toEqual({
        id,
        type: 'access',
        description: 'temporary grant',
        subject,
        control: { grant: { roles: [{ role_id: WRITER }, { role_id: VIEWER }] } },
        resource: v2Resource([{ key: 'serviceInstance', operator: 'stringEquals', value: 'inst-2' }]),
        pattern: 'time-based-conditions:once',
        rule,
        href: `${emu.url}/v2/policies/${id}`,
        created_at: expect.any(String),
        created_by_id: expect.any(String),
        last_modified_at: expect.any(String),
        last_modified_by_id: expect.any(String),
        state: 'active',
      });
    });

    it('gets it with format=display: roles carry names and the service actions', async () => {
      const res = await client.getV2Policy({ id, format: 'display' });
      expect(res.headers.etag).toBe(etag);
      const roles = (res.result.control as { grant: { roles: Array<Json & { actions: Json[] }> } }).grant.roles;
      expect(roles[0]).toMatchObject({ role_id: WRITER, display_name: 'Writer' });
      expect(roles[0]?.actions.map((a) => a.id)).toEqual(expect.arrayContaining(['quantum-computing.job.create', 'quantum-computing.job.read']));
      expect(roles[0]?.actions.map((a) => a.id)).not.toContain('quantum-computing.job.delete');
      expect(roles[1]).toMatchObject({ role_id: VIEWER, display_name: 'Viewer', actions: [expect.objectContaining({ id: 'resource-controller.instance.retrieve' })] });
    });

    it('is invisible to v1 (it has conditions): GET 400 pointing at v2, absent from v1 lists', async () => {
      const r = await raw('GET', `/v1/policies/${id}`);
      expect(r.status).toBe(400);
      expect(String((r.body.errors as Json[])[0]?.message)).toContain(`/v2/policies/${id}`);
      const v1 = await client.listPolicies({ accountId: account, iamId: 'IBMid-temp1' });
      expect(v1.result.policies).toEqual([]);
    });

    it('conflicts on identical attributes and rule, not on a different window', async () => {
      const same = await client
        .createV2Policy({ type: 'access', subject, control: { grant: { roles: [{ role_id: READER }] } }, resource: v2Resource([{ key: 'serviceInstance', operator: 'stringEquals', value: 'inst-2' }]), pattern: 'time-based-conditions:once', rule })
        .catch((e: unknown) => e);
      expect((same as { status: number }).status).toBe(409);
      expect(firstError(same).details).toMatchObject({ conflicts_with: { etag, policy: { id, control: { grant: { roles: [{ role_id: WRITER }, { role_id: VIEWER }] } } } } });
      const other = await client.createV2Policy({
        type: 'access',
        subject,
        control: { grant: { roles: [{ role_id: READER }] } },
        resource: v2Resource([{ key: 'serviceInstance', operator: 'stringEquals', value: 'inst-2' }]),
        pattern: 'time-based-conditions:once',
        rule: { ...rule, conditions: [rule.conditions[0], { key: DT, operator: 'dateTimeLessThan', value: '2027-01-01T00:00:00Z' }] },
      });
      expect(other.status).toBe(201);
      await client.deleteV2Policy({ id: String(other.result.id) });
    });

    it('replaces with If-Match (412 when stale) and lists through the V2 pager', async () => {
      const body = {
        id,
        type: 'access',
        subject,
        control: { grant: { roles: [{ role_id: READER }] } },
        resource: v2Resource([{ key: 'serviceInstance', operator: 'stringEquals', value: 'inst-2' }]),
        pattern: 'time-based-conditions:weekly:custom-hours',
        rule: {
          operator: 'and',
          conditions: [
            { key: '{{environment.attributes.day_of_week}}', operator: 'dayOfWeekAnyOf', value: ['1+00:00', '2+00:00'] },
            { key: '{{environment.attributes.current_time}}', operator: 'timeGreaterThanOrEquals', value: '09:00:00+00:00' },
          ],
        },
      };
      const stale = await client.replaceV2Policy({ ...body, ifMatch: '"9-ffffffffffffffffffffffffffffffff"' }).catch((e: unknown) => e);
      expect((stale as { status: number }).status).toBe(412);
      const res = await client.replaceV2Policy({ ...body, ifMatch: `"${etag}"` });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toMatch(/^2-/);
      expect(res.result).not.toHaveProperty('description');
      expect(res.result.pattern).toBe('time-based-conditions:weekly:custom-hours');

      const pager = new IamPolicyManagementV1.V2PoliciesPager(client, { accountId: account, limit: 1 });
      const all = await pager.getAll();
      const ids = all.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toContain(id);
      const byService = await client.listV2Policies({ accountId: account, serviceName: 'quantum-computing', format: 'include_last_permit' });
      expect(byService.result.policies.map((p) => p.id)).toContain(id);
    });

    it('accepts an attribute-based rule and echoes it exactly (booleans stay booleans)', async () => {
      const abRule = {
        operator: 'or',
        conditions: [
          {
            operator: 'and',
            conditions: [
              { key: '{{resource.attributes.prefix}}', operator: 'stringEquals', value: 'home/test' },
              { key: '{{environment.attributes.delimiter}}', operator: 'stringExists', value: true },
            ],
          },
          { key: '{{resource.attributes.path}}', operator: 'stringMatch', value: 'home/David/*' },
        ],
      };
      const res = await client.createV2Policy({
        type: 'access',
        subject: { attributes: [{ key: 'iam_id', operator: 'stringEquals', value: 'IBMid-abac' }] },
        control: { grant: { roles: [{ role_id: READER }] } },
        resource: v2Resource(),
        pattern: 'attribute-based-condition:resource:literal-and-wildcard',
        rule: abRule,
      });
      expect(res.result.rule).toEqual(abRule);
      const timeInAbac = await raw('POST', '/v2/policies', {
        type: 'access',
        subject: { attributes: [{ key: 'iam_id', operator: 'stringEquals', value: 'IBMid-abac2' }] },
        control: { grant: { roles: [{ role_id: READER }] } },
        resource: v2Resource(),
        pattern: 'attribute-based-condition:resource:literal-and-wildcard',
        rule: { key: DT, operator: 'dateTimeLessThan', value: '2026-01-01T00:00:00Z' },
      });
      expect(timeInAbac.status).toBe(400);
    });

    it('deletes: 204 then 404', async () => {
      expect((await client.deleteV2Policy({ id })).status).toBe(204);
      const e = await client.getV2Policy({ id }).catch((x: unknown) => x);
      expect((e as { status: number }).status).toBe(404);
    });

    it('reads a v1-created policy through v2 with explicit operators', async () => {
      const c = await client.createPolicy({
        type: 'access',
        subjects: [{ attributes: [{ name: 'iam_id', value: 'IBMid-cross' }] }],
        roles: [{ role_id: VIEWER }],
        resources: [{ attributes: [{ name: 'accountId', value: account }, { name: 'resourceGroupId', value: 'rg1' }] }],
      });
      const v2 = await client.getV2Policy({ id: String(c.result.id) });
      expect(v2.result.subject).toEqual({ attributes: [{ key: 'iam_id', operator: 'stringEquals', value: 'IBMid-cross' }] });
      expect(v2.result.resource).toEqual({
        attributes: [
          { key: 'accountId', operator: 'stringEquals', value: account },
          { key: 'resourceGroupId', operator: 'stringEquals', value: 'rg1' },
        ],
      });
      expect(v2.headers.etag).toBe(c.headers.etag);
    });
  });

  describe('access-group subjects', () => {
    const grant = (group: string) => ({
      type: 'access',
      subject: { attributes: [{ key: 'access_group_id', operator: 'stringEquals', value: group }] },
      control: { grant: { roles: [{ role_id: VIEWER }] } },
      resource: v2Resource([{ key: 'serviceInstance', operator: 'stringEquals', value: 'inst-groups' }]),
    });

    it('refuses a group that does not exist with a 400 on the subject', async () => {
      const e = await client.createV2Policy(grant('AccessGroupId-nope')).catch((x: unknown) => x);
      expect((e as { status: number }).status).toBe(400);
      expect(firstError(e)).toMatchObject({ code: 'invalid_body', target: { name: 'subject.attributes' }, message: expect.stringContaining('does not exist') });
    });

    it('deletes the policies of a group deleted with force=true', async () => {
      const groups = new IamAccessGroupsV2(sdkOptions(emu));
      const g = await groups.createAccessGroup({ accountId: account, name: 'doomed' });
      const groupId = String(g.result.id);
      const p = await client.createV2Policy(grant(groupId));
      expect((await client.listV2Policies({ accountId: account, accessGroupId: groupId })).result.policies).toHaveLength(1);
      await groups.deleteAccessGroup({ accessGroupId: groupId, force: true });
      expect((await client.listV2Policies({ accountId: account, accessGroupId: groupId })).result.policies).toEqual([]);
      const gone = await client.getV2Policy({ id: String(p.result.id) }).catch((x: unknown) => x);
      expect((gone as { status: number }).status).toBe(404);
    });

    it('takes policies on the Public Access group only while public access is enabled', async () => {
      const groups = new IamAccessGroupsV2(sdkOptions(emu));
      const p = await client.createV2Policy(grant('AccessGroupId-PublicAccess'));
      expect(p.status).toBe(201);
      await groups.updateAccountSettings({ accountId: account, publicAccessEnabled: false });
      expect((await client.listV2Policies({ accountId: account, accessGroupId: 'AccessGroupId-PublicAccess' })).result.policies).toEqual([]);
      const e = await client.createV2Policy(grant('AccessGroupId-PublicAccess')).catch((x: unknown) => x);
      expect((e as { status: number }).status).toBe(400);
      expect(firstError(e).message).toContain('Public access is disabled');
      await groups.updateAccountSettings({ accountId: account, publicAccessEnabled: true });
    });
  });

  describe('pagination', () => {
    it('pages with next.start only while more exist; the v1 pager terminates with every policy once', async () => {
      const group = 'AccessGroupId-paging';
      for (let i = 0; i < 7; i++) {
        await client.createPolicy({
          type: 'access',
          subjects: [{ attributes: [{ name: 'access_group_id', value: group }] }],
          roles: [{ role_id: VIEWER }],
          resources: v1Resource([{ name: 'serviceInstance', value: `page-${i}` }]),
        });
      }
      const first = await client.listPolicies({ accountId: account, accessGroupId: group, limit: 3 });
      expect(first.result.policies).toHaveLength(3);
      expect(first.result.limit).toBe(3);
      expect(first.result.next).toEqual({ href: expect.stringContaining('start='), start: expect.any(String) });
      const pager = new IamPolicyManagementV1.PoliciesPager(client, { accountId: account, accessGroupId: group, limit: 3 });
      const pages: number[] = [];
      while (pager.hasNext()) pages.push((await pager.getNext()).length);
      expect(pages).toEqual([3, 3, 1]);
      const sorted = await client.listPolicies({ accountId: account, accessGroupId: group, sort: '-created_at', limit: 100 });
      expect(sorted.result.policies).toHaveLength(7);
      expect(sorted.result).not.toHaveProperty('next');
    });
  });

  describe('validation (IBM 400s, never 500)', () => {
    const good = () => ({
      type: 'access',
      subjects: [{ attributes: [{ name: 'iam_id', value: 'IBMid-val' }] }],
      roles: [{ role_id: VIEWER }],
      resources: v1Resource(),
    });

    it.each([
      ['no body', 'body', () => (undefined)],
      ['wrong type', 'type', () => ({ ...good(), type: 'root' })],
      ['subjects not an array', 'subjects', () => ({ ...good(), subjects: 'x' })],
      ['two subjects', 'subjects', () => ({ ...good(), subjects: [good().subjects[0], good().subjects[0]] })],
      ['subject value a number', 'subjects[0].attributes[0].value', () => ({ ...good(), subjects: [{ attributes: [{ name: 'iam_id', value: 7 }] }] })],
      ['bad iam_id', 'subjects[0].attributes', () => ({ ...good(), subjects: [{ attributes: [{ name: 'iam_id', value: 'someone' }] }] })],
      ['unknown role', 'roles[0].role_id', () => ({ ...good(), roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:God' }] })],
      ['duplicate role', 'roles[1].role_id', () => ({ ...good(), roles: [{ role_id: VIEWER }, { role_id: VIEWER }] })],
      ['no accountId', 'resources[0].attributes', () => ({ ...good(), resources: [{ attributes: [{ name: 'serviceName', value: 'quantum-computing' }] }] })],
      ['another accountId', 'resources[0].attributes', () => ({ ...good(), resources: [{ attributes: [{ name: 'accountId', value: 'ffffffffffffffffffffffffffffffff' }, { name: 'serviceName', value: 'x' }] }] })],
      ['no scope attribute', 'resources[0].attributes', () => ({ ...good(), resources: [{ attributes: [{ name: 'accountId', value: 'ACCOUNT' }] }] })],
      ['value too long', 'resources[0].attributes[2].value', () => ({ ...good(), resources: v1Resource([{ name: 'serviceInstance', value: 'x'.repeat(1001) }]) })],
      ['bad operator', 'resources[0].attributes[2].operator', () => ({ ...good(), resources: v1Resource([{ name: 'serviceInstance', value: 'a', operator: 'regex' }]) })],
    ])('v1 create: %s → 400 naming %s', async (_name, target, makeBody) => {
      const body: unknown = makeBody();
      const b = body === undefined ? undefined : JSON.parse(JSON.stringify(body).replace(/ACCOUNT/g, account));
      const r = await raw('POST', '/v1/policies', b);
      expect(r.status).toBe(400);
      expect((r.body.errors as Json[])[0]).toMatchObject({ code: 'invalid_body', message: expect.any(String) });
      if (target !== 'body') expect((r.body.errors as Json[])[0]?.target).toEqual({ name: target, type: 'field' });
      expect(r.body.status_code).toBe(400);
      expect(typeof r.body.trace).toBe('string');
    });

    const v2 = (extra: Json) => ({
      type: 'access',
      subject: { attributes: [{ key: 'iam_id', operator: 'stringEquals', value: 'IBMid-val2' }] },
      control: { grant: { roles: [{ role_id: VIEWER }] } },
      resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: 'ACCOUNT' }, { key: 'serviceType', operator: 'stringEquals', value: 'service' }] },
      ...extra,
    });
    const cond = (operator: string, value: unknown, key = DT) => ({ key, operator, value });

    it.each([
      ['rule without pattern', 'pattern', v2({ rule: cond('dateTimeLessThan', '2026-01-01T00:00:00Z') })],
      ['pattern without rule', 'rule', v2({ pattern: 'time-based-conditions:once' })],
      ['unknown pattern', 'pattern', v2({ pattern: 'sometimes', rule: cond('dateTimeLessThan', '2026-01-01T00:00:00Z') })],
      ['unknown key', 'rule.key', v2({ pattern: 'time-based-conditions:once', rule: cond('dateTimeLessThan', '2026-01-01T00:00:00Z', '{{env.now}}') })],
      ['operator not valid for the key', 'rule.operator', v2({ pattern: 'time-based-conditions:once', rule: cond('timeLessThan', '09:00:00+00:00') })],
      ['bad date-time', 'rule.value', v2({ pattern: 'time-based-conditions:once', rule: cond('dateTimeLessThan', 'tomorrow') })],
      ['window ends before it starts', 'rule', v2({ pattern: 'time-based-conditions:once', rule: { operator: 'and', conditions: [cond('dateTimeGreaterThan', '2026-02-01T00:00:00Z'), cond('dateTimeLessThan', '2026-01-01T00:00:00Z')] } })],
      ['or for once', 'rule.operator', v2({ pattern: 'time-based-conditions:once', rule: { operator: 'or', conditions: [cond('dateTimeGreaterThan', '2026-01-01T00:00:00Z')] } })],
      ['custom-hours without time', 'rule', v2({ pattern: 'time-based-conditions:weekly:custom-hours', rule: cond('dayOfWeekAnyOf', ['1+00:00'], '{{environment.attributes.day_of_week}}') })],
      ['bad day', 'rule.value[0]', v2({ pattern: 'time-based-conditions:weekly:all-day', rule: cond('dayOfWeekAnyOf', ['8+00:00'], '{{environment.attributes.day_of_week}}') })],
      ['missing control', 'control', v2({ control: undefined })],
      ['empty roles', 'control.grant.roles', v2({ control: { grant: { roles: [] } } })],
      ['missing operator', 'subject.attributes[0].operator', v2({ subject: { attributes: [{ key: 'iam_id', value: 'IBMid-x' }] } })],
      ['stringExists with a string', 'resource.attributes[2].value', v2({ resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: 'ACCOUNT' }, { key: 'serviceType', operator: 'stringEquals', value: 'service' }, { key: 'region', operator: 'stringExists', value: 'yes' }] } })],
    ])('v2 create: %s → 400 naming %s', async (_name, target, body) => {
      const r = await raw('POST', '/v2/policies', JSON.parse(JSON.stringify(body).replace(/ACCOUNT/g, account)));
      expect(r.status).toBe(400);
      expect((r.body.errors as Json[])[0]).toMatchObject({ code: 'invalid_body', target: { name: target, type: 'field' } });
    });

    it('answers bad JSON, bad query parameters and foreign accounts with 400/403', async () => {
      expect((await raw('POST', '/v2/policies', '{"type":')).status).toBe(400);
      const noAccount = await raw('GET', '/v1/policies');
      expect(noAccount.status).toBe(400);
      expect((noAccount.body.errors as Json[])[0]?.code).toBe('missing_required_query_parameter');
      expect((await raw('GET', `/v2/policies?account_id=${account}&limit=0`)).status).toBe(400);
      expect((await raw('GET', `/v2/policies?account_id=${account}&limit=101`)).status).toBe(400);
      expect((await raw('GET', `/v2/policies?account_id=${account}&start=garbage`)).status).toBe(400);
      expect((await raw('GET', `/v2/policies?account_id=${account}&sort=name`)).status).toBe(400);
      expect((await raw('GET', `/v2/policies?account_id=${account}&format=xml`)).status).toBe(400);
      expect((await raw('GET', `/v1/policies?account_id=${account}&state=gone`)).status).toBe(400);
      expect((await raw('GET', '/v1/policies?account_id=ffffffffffffffffffffffffffffffff')).status).toBe(403);
      expect((await raw('GET', '/v1/policies/__proto__')).status).toBe(404);
      expect((await raw('PATCH', '/v1/policies/none', { state: 'active' }, { 'If-Match': '*' })).status).toBe(404);
    });

    it('accepts a valid policy once all checks pass (the table above is not vacuous)', async () => {
      expect((await raw('POST', '/v1/policies', good())).status).toBe(201);
      const r = await raw('POST', '/v2/policies', JSON.parse(JSON.stringify(v2({})).replace(/ACCOUNT/g, account)));
      expect(r.status).toBe(201);
      expect(r.headers.get('etag')).toMatch(/^1-/);
    });
  });

  describe('limits', () => {
    it('refuses the 1001st policy of one subject with a 400', async () => {
      const subject = 'AccessGroupId-limits';
      const policies = Array.from({ length: 1000 }, (_, i) => ({
        type: 'access',
        subject: { attributes: [{ key: 'access_group_id', operator: 'stringEquals', value: subject }] },
        control: { grant: { roles: [{ role_id: VIEWER }] } },
        resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: account }, { key: 'serviceInstance', operator: 'stringEquals', value: `i-${i}` }, { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' }] },
      }));
      iamPolicyManagement.seed?.(emu.env, { policies });
      const err = await client
        .createV2Policy({
          type: 'access',
          subject: policies[0]?.subject,
          control: { grant: { roles: [{ role_id: VIEWER }] } },
          resource: v2Resource([{ key: 'serviceInstance', operator: 'stringEquals', value: 'one-more' }]),
        })
        .catch((e: unknown) => e);
      expect((err as { status: number }).status).toBe(400);
      expect(firstError(err)).toMatchObject({ code: 'request_not_processed', message: expect.stringContaining('1000') });
      const listed = await new IamPolicyManagementV1.V2PoliciesPager(client, { accountId: account, accessGroupId: subject, limit: 100 }).getAll();
      expect(listed).toHaveLength(1000);
    });

    it('refuses a policy beyond 4020 per account with a 400; seeds are not limited and policyLimits raises it', async () => {
      const policies = Array.from({ length: 4020 }, (_, i) => ({
        type: 'access',
        subjects: [{ attributes: [{ name: 'iam_id', value: `iam-ServiceId-${i}` }] }],
        roles: [{ role_id: VIEWER }],
        resources: v1Resource(),
      }));
      iamPolicyManagement.seed?.(emu.env, { policies });
      const body = { type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: 'IBMid-over' }] }], roles: [{ role_id: VIEWER }], resources: v1Resource() };
      const err = await client.createPolicy(body).catch((e: unknown) => e);
      expect((err as { status: number }).status).toBe(400);
      expect(firstError(err)).toMatchObject({ code: 'request_not_processed', message: expect.stringContaining('4020') });
      iamPolicyManagement.seed?.(emu.env, { policyLimits: { policiesPerAccount: 20000 } });
      expect((await client.createPolicy(body)).status).toBe(201);
      expect(() => iamPolicyManagement.seed?.(emu.env, { policyLimits: { policiesPerGalaxy: 1 } })).toThrow(/unknown limit/);
    });

    it('rejects a seed item with the API\'s validation message', () => {
      expect(() => iamPolicyManagement.seed?.(emu.env, { policies: [{ type: 'access', subjects: [] }] })).toThrow(/seed policies\[0\]: .*subjects/);
    });
  });
});
