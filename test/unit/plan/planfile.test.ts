import { type ObservedState } from '../../../src/model/resources';
import { checkStaleness, checksumOf, parsePlanFile, savePlanFile, validatePlanDocument } from '../../../src/plan/planfile';
import { planFromDocument, toDocument, type PlanDocV1 } from '../../../src/plan/render/json';
import { snapshot } from './helpers';
import { docOf, planOf, scenarios } from './scenarios';

describe('plan document', () => {
  test.each(scenarios().map((s) => [s.name, s] as const))('%s validates against schemas/plan.schema.json', (_name, s) => {
    expect(validatePlanDocument(docOf(s))).toEqual([]);
  });

  test('summary, applyable and has_changes agree with the lists', () => {
    for (const s of scenarios()) {
      const doc = docOf(s);
      expect(doc.summary.create + doc.summary.update + doc.summary.replace + doc.summary.delete + doc.summary.adopt + doc.summary.invite).toBe(doc.changes.length);
      expect(doc.has_changes).toBe(doc.changes.length > 0);
      expect(doc.applyable).toBe(!doc.diagnostics.some((d) => d.severity === 'error') && doc.refusals.length === 0);
      expect(doc.summary.drift).toBe(doc.drift.length);
    }
  });

  test('planFromDocument inverts toDocument', () => {
    for (const s of scenarios()) {
      const plan = planOf(s);
      expect(snapshot(planFromDocument(docOf(s)))).toBe(snapshot(plan));
    }
  });

  test('the schema rejects a wrong action and unknown keys', () => {
    const doc = docOf(scenarios()[0]);
    const bad = { ...doc, changes: [{ ...doc.changes[0], action: 'explode' }] };
    expect(validatePlanDocument(bad).length).toBeGreaterThan(0);
    expect(validatePlanDocument({ ...doc, surprise: 1 })).toEqual(['/ must NOT have additional properties']);
  });

  test('no credentials: the document holds no API key, token or password field', () => {
    for (const s of scenarios()) expect(JSON.stringify(docOf(s))).not.toMatch(/apikey|api_key|password|bearer|access_token/i);
  });
});

describe('plan file', () => {
  const doc = docOf(scenarios()[3]);

  test('save → parse round trip', () => {
    const text = savePlanFile(doc);
    const back = parsePlanFile(text);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.doc).toEqual(doc);
    expect(JSON.parse(text).checksum).toBe(checksumOf(doc));
    // Saving a parsed plan again gives the same bytes.
    if (back.ok) expect(savePlanFile(back.doc)).toBe(text);
  });

  test('an edited file fails its checksum', () => {
    const text = savePlanFile(doc).replace('"run-removals"', '"run-other"');
    const r = parsePlanFile(text);
    expect(r.ok === false && r.error.code).toBe('checksum');
  });

  test('not JSON, not a plan, unsupported version, schema errors, missing checksum', () => {
    const code = (t: string): string | undefined => {
      const r = parsePlanFile(t);
      return r.ok ? undefined : r.error.code;
    };
    expect(code('{"format_version": ')).toBe('not-json');
    expect(code('[]')).toBe('not-a-plan');
    expect(code('{"format_version": "2.0"}')).toBe('unsupported-version');
    expect(code('{"format_version": "1.0"}')).toBe('schema');
    const { checksum: _c, ...noSum } = JSON.parse(savePlanFile(doc)) as PlanDocV1;
    void _c;
    expect(code(JSON.stringify(noSum))).toBe('checksum');
  });

  test('a later 1.x minor version is read', () => {
    const text = savePlanFile({ ...doc, format_version: '1.3' as typeof doc.format_version });
    expect(parsePlanFile(text).ok).toBe(true);
  });
});

describe('checkStaleness', () => {
  const s = scenarios().find((x) => x.name === 'drift')!;
  const doc = docOf(s);

  test('the observed state the plan was made from is not stale', () => {
    expect(checkStaleness(doc, s.observed)).toEqual([]);
  });

  test('a changed, vanished or appeared object is stale; the account must match', () => {
    const inst = s.observed.resources.find((o) => o.address === 'instance:QR-ml')!;
    const changed: ObservedState = { ...s.observed, resources: s.observed.resources.map((o) => (o === inst ? { ...o, fingerprint: 'ffffffffffff' } : o)) };
    expect(checkStaleness(doc, changed).map((x) => [x.reason, x.address])).toEqual([['changed', 'instance:QR-ml']]);
    const gone: ObservedState = { ...s.observed, resources: s.observed.resources.filter((o) => o !== inst) };
    expect(checkStaleness(doc, gone).map((x) => x.reason)).toEqual(['gone']);
    const create = doc.changes.find((c) => c.action === 'create')!;
    const appeared: ObservedState = {
      ...s.observed,
      resources: [...s.observed.resources, { ...inst, address: create.address as typeof inst.address, id: 'new' }],
    };
    expect(checkStaleness(doc, appeared).map((x) => x.reason)).toEqual(['appeared']);
    const dup: ObservedState = { ...s.observed, duplicates: [{ address: 'instance:QR-ml', ids: ['a', 'b'] }] };
    expect(checkStaleness(doc, dup).map((x) => x.reason)).toEqual(['duplicate']);
    expect(checkStaleness(doc, { ...s.observed, accountId: 'other' }).map((x) => x.reason)).toEqual(['account']);
  });

  test('a plan re-made from the same state has the same changes (deterministic)', () => {
    expect(snapshot(toDocument(planOf(s), { accountId: doc.account_id, specHash: doc.spec_hash, specFile: doc.spec_file, runId: doc.run_id, createdAt: doc.created_at, stats: doc.stats }))).toBe(snapshot(doc));
  });
});
