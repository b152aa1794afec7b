import {
  ACTION_NAMES,
  ACTIONS,
  GUIDE_READER_ACTIONS,
  GUIDE_WRITER_ACTIONS,
  PLANS,
  PLAN_NAMES,
  SERVICE_NAME,
  isKnownAction,
  resolvePlan,
  writeVerbOf,
} from '../../../src/spec/catalog';

describe('catalog', () => {
  it('holds only prefixed quantum-computing actions, including IBM\'s org-guide role', () => {
    for (const a of ACTION_NAMES) expect(a.startsWith(`${SERVICE_NAME}.`)).toBe(true);
    for (const a of GUIDE_WRITER_ACTIONS) expect(isKnownAction(a)).toBe(true);
    expect(isKnownAction('quantum-computing.job.delete')).toBe(true);
    expect(isKnownAction('job.read')).toBe(false);
    expect(isKnownAction('toString')).toBe(false);
  });

  it('classifies write verbs from the action name', () => {
    expect(writeVerbOf('quantum-computing.job.cancel')).toBe('cancel');
    expect(writeVerbOf('quantum-computing.instance.configuration.update')).toBe('update');
    expect(writeVerbOf('quantum-computing.direct-access-job.create')).toBe('create');
    expect(writeVerbOf('quantum-computing.workload.list')).toBeUndefined();
    expect(writeVerbOf('quantum-computing.user.logout')).toBeUndefined();
    for (const a of GUIDE_READER_ACTIONS) expect(writeVerbOf(a)).toBeUndefined();
  });

  it('marks only job-deleting actions as deletesJobs', () => {
    const deleting = ACTION_NAMES.filter((a) => 'deletesJobs' in ACTIONS[a]);
    expect(deleting).toEqual(['quantum-computing.job.delete', 'quantum-computing.direct-access-job.delete']);
  });

  it('resolves plan names and aliases case-insensitively; Open only in us-east', () => {
    expect(resolvePlan('Premium')).toBe('premium');
    expect(resolvePlan('paygo')).toBe('standard');
    expect(resolvePlan('Pay-As-You-Go')).toBe('standard');
    expect(resolvePlan('gold')).toBeUndefined();
    expect(PLANS.open.regions).toEqual(['us-east']);
    expect(PLAN_NAMES.filter((p) => PLANS[p].allocation)).toEqual(['flex', 'premium']);
  });
});
