import { parse } from '@cdktf/hcl2json';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toTerraform } from '../../../src/governance/terraform';
import { type Address, type DesiredState } from '../../../src/model/resources';
import { expand } from '../../../src/spec/expand';
import { parseSpec } from '../../../src/spec/load';
import { PROVIDER_SCHEMA, type BlockSchema } from './provider-schema';

const ROOT = join(__dirname, '..', '..', '..');
const GOLDEN = join(ROOT, 'test', 'fixtures', 'terraform');
const NOW = new Date('2026-12-01T08:00:00Z');

function desiredFrom(file: string): DesiredState {
  const r = parseSpec(readFileSync(join(ROOT, file), 'utf8'), file, { env: {}, now: NOW });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.summary}`).join('\n'));
  return expand(r.spec, { now: NOW, specHash: r.hash });
}

/**
 * The hostile fixture, plus what lint keeps out of specs but an account can hold (a later `export` feeds
 * live objects to the same function): bidi overrides, isolates, a C1 control and a zero-width space.
 */
function hostileDesired(): DesiredState {
  const d = desiredFrom('test/fixtures/terraform/hostile.yaml');
  const injected = 'bidi \u202Eevil\u202C and \u2066isolate\u2069, C1 \u0085, zero\u200Bwidth';
  return { ...d, resources: d.resources.map((r) => (r.kind === 'custom-role' && r.attrs.name === 'QRwriter' ? { ...r, attrs: { ...r.attrs, description: injected } } : r)) };
}

/** Compares with the golden file; a missing golden fails unless UPDATE_GOLDEN=1 writes it. */
function expectGolden(name: string, text: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing; run with UPDATE_GOLDEN=1 to write it`);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every argument and nested block of `body` is in the documented schema, and every required one is set. */
function checkBody(where: string, body: Obj, schema: BlockSchema, problems: string[]): void {
  for (const [k, v] of Object.entries(body)) {
    if (k === 'lifecycle') continue; // Terraform meta-argument, valid on every resource
    const nestedSchema = schema.blocks?.[k];
    if (nestedSchema) {
      if (!Array.isArray(v)) problems.push(`${where}.${k}: expected a block`);
      else for (const b of v) if (isObj(b)) checkBody(`${where}.${k}`, b, nestedSchema, problems);
      continue;
    }
    if (!schema.args.includes(k)) problems.push(`${where}: argument ${k} is not in the provider's documented schema`);
  }
  for (const req of schema.required ?? []) if (!(req in body)) problems.push(`${where}: required argument ${req} missing`);
}

/** Parses the HCL with a real parser, checks it against the schema table and that every reference resolves. */
async function checkHcl(hcl: string): Promise<Obj> {
  const doc = (await parse('main.tf', hcl)) as Obj;
  const problems: string[] = [];
  const declared = new Set<string>();
  for (const section of ['resource', 'data'] as const) {
    const types = doc[section];
    if (types === undefined) continue;
    if (!isObj(types)) throw new Error(`${section} is not an object`);
    for (const [type, byLabel] of Object.entries(types)) {
      const schema = PROVIDER_SCHEMA[section][type];
      if (!schema) {
        problems.push(`${section} type ${type} is not in the schema table`);
        continue;
      }
      if (!isObj(byLabel)) continue;
      for (const [label, bodies] of Object.entries(byLabel)) {
        declared.add(section === 'data' ? `data.${type}.${label}` : `${type}.${label}`);
        if (!Array.isArray(bodies) || bodies.length !== 1) problems.push(`${type}.${label} declared ${Array.isArray(bodies) ? bodies.length : 0} times`);
        for (const b of Array.isArray(bodies) ? bodies : []) if (isObj(b)) checkBody(`${type}.${label}`, b, schema, problems);
      }
    }
  }
  for (const m of hcl.matchAll(/(?<![\w.$])((?:data\.)?ibm_[a-z_]+\.[a-z_][a-z0-9_]*)\.[a-z_]/g)) {
    if (!declared.has(m[1] as string)) problems.push(`reference to undeclared ${m[1]}`);
  }
  expect(problems).toEqual([]);
  return doc;
}

describe('toTerraform', () => {
  test.each([
    ['examples/org.yaml', 'org.tf'],
    ['examples/resource-group.yaml', 'resource-group.tf'],
    ['examples/hierarchy.yaml', 'hierarchy.tf'],
    ['test/fixtures/terraform/hostile.yaml', 'hostile.tf'],
  ])('%s → %s: golden, parses, documented arguments only', async (spec, golden) => {
    const out = toTerraform(spec.includes('hostile') ? hostileDesired() : desiredFrom(spec), { now: NOW });
    expectGolden(golden, out.hcl);
    expect(out.imports).toBe(0);
    const doc = await checkHcl(out.hcl);
    expect(doc.import).toBeUndefined();
  });

  test('import blocks use the provider documented id formats and need Terraform 1.5', async () => {
    const desired = desiredFrom('examples/org.yaml');
    const ids = new Map<Address, string>([
      ['instance:QR-ml', 'crn:v1:bluemix:public:quantum-computing:us-east:a/a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5:1111::'],
      ['custom-role:QRwriter', 'role-writer-id'],
      ['access-group:qr-ml-writers', 'AccessGroupId-w'],
      ['dynamic-rule:qr-ml-writers/qr-ml-writers-idp', 'ClaimRule-1'],
      ['policy:qr-ml-writers/instance:QR-ml', 'policy-1'],
      ['user-policy:email:amyra@example.com/instance:QR-ml/QRwriter', 'policy-2'],
    ]);
    const out = toTerraform(desired, { now: NOW, importIds: ids });
    expectGolden('org-import.tf', out.hcl);
    const doc = await checkHcl(out.hcl);
    const imports = (doc.import as Obj[]).map((i) => ({ to: i.to, id: i.id }));
    expect(imports).toEqual([
      { to: '${ibm_iam_custom_role.qrwriter}', id: 'role-writer-id' },
      { to: '${ibm_resource_instance.qr_ml}', id: ids.get('instance:QR-ml') },
      { to: '${ibm_iam_access_group.qr_ml_writers}', id: 'AccessGroupId-w' },
      { to: '${ibm_iam_access_group_members.qr_ml_writers}', id: 'AccessGroupId-w/qgov-import' },
      { to: '${ibm_iam_access_group_dynamic_rule.qr_ml_writers_idp}', id: 'AccessGroupId-w/ClaimRule-1' },
      { to: '${ibm_iam_access_group_policy.qr_ml_writers_qr_ml}', id: 'AccessGroupId-w/policy-1' },
      { to: '${ibm_iam_user_policy.amyra_example_com_qr_ml}', id: 'amyra@example.com/policy-2' },
    ]);
    expect(out.imports).toBe(7);
    expect(out.hcl).toContain('required_version = ">= 1.5.0"');
  });

  test('hostile strings come back from the HCL parser exactly (template sequences stay literal)', async () => {
    const desired = hostileDesired();
    const out = toTerraform(desired, { now: NOW });
    // The provider finds users by e-mail only: a user named by IBMid gets a note.
    expect(out.notes).toEqual([expect.stringContaining('user IBMid-550000ABCD is named by IAM ID')]);
    const doc = await checkHcl(out.hcl);
    const role = ((doc.resource as Obj).ibm_iam_custom_role as Obj).qrreader as Obj[];
    const group = ((doc.resource as Obj).ibm_iam_access_group as Obj).qr_lab_writers as Obj[];
    const roleAttrs = desired.resources.find((r) => r.address === 'custom-role:QRreader');
    const groupAttrs = desired.resources.find((r) => r.address === 'access-group:qr-lab-writers');
    if (roleAttrs?.kind !== 'custom-role' || groupAttrs?.kind !== 'access-group') throw new Error('fixture changed');
    // hcl2json writes template strings in Terraform's JSON syntax, where a literal ${ / %{ is $${ / %%{ again.
    const asJsonTemplate = (s: string): string => s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
    expect(role[0]?.description).toBe(asJsonTemplate(roleAttrs.attrs.description));
    expect(role[0]?.display_name).toBe(roleAttrs.attrs.displayName);
    expect(group[0]?.description).toBe(asJsonTemplate(groupAttrs.attrs.description));
    expect(roleAttrs.attrs.description).toContain('${var.secret}');
    const writer = ((doc.resource as Obj).ibm_iam_custom_role as Obj).qrwriter as Obj[];
    expect(writer[0]?.description).toBe('bidi \u202Eevil\u202C and \u2066isolate\u2069, C1 \u0085, zero\u200Bwidth');
  });

  test('a temporary grant without from starts at `now`, and says so', () => {
    const out = toTerraform(desiredFrom('examples/org.yaml'), { now: NOW });
    expect(out.hcl).toContain('value    = ["2026-12-01T08:00:00+00:00"]');
    // One note per user policy of the grant (QR-ml and QR-common).
    expect(out.notes).toHaveLength(2);
    for (const n of out.notes) expect(n).toContain('has no from: its window starts at 2026-12-01T08:00:00+00:00');
  });

  test('labels stay unique when names collide after slugging', async () => {
    const base = desiredFrom('examples/org.yaml');
    const twin = base.resources.filter((r) => r.kind === 'access-group').map((r) => ({ ...r, address: `${r.address}-X` as Address, attrs: { ...r.attrs, name: r.attrs.name.replace(/-/g, '_') } }));
    const out = toTerraform({ ...base, resources: [...base.resources, ...twin] }, { now: NOW });
    await checkHcl(out.hcl);
    expect(out.hcl).toContain('resource "ibm_iam_access_group" "qr_ml_readers_2"');
  });

  test('protected entries become prevent_destroy, on a members resource when any of its memberships matches', async () => {
    const base = desiredFrom('examples/org.yaml');
    const out = toTerraform({ ...base, protected: ['instance:QR-common', 'membership:qr-ml-writers/email:fatima*'] }, { now: NOW });
    const doc = await checkHcl(out.hcl);
    const resources = doc.resource as Record<string, Record<string, Obj[]>>;
    const guarded = Object.entries(resources).flatMap(([type, byLabel]) =>
      Object.entries(byLabel)
        .filter(([, [body]]) => JSON.stringify(body?.lifecycle ?? null).includes('"prevent_destroy":true'))
        .map(([label]) => `${type}.${label}`),
    );
    expect(guarded.sort()).toEqual(['ibm_iam_access_group_members.qr_ml_writers', 'ibm_resource_instance.qr_common']);
  });

  test('same input, same output', () => {
    const d = desiredFrom('examples/hierarchy.yaml');
    expect(toTerraform(d, { now: NOW }).hcl).toBe(toTerraform(d, { now: NOW }).hcl);
  });
});
