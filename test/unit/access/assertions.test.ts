import { evaluateAssertions, type AssertionInput } from '../../../src/access/assertions';
import { counterExampleLines } from '../../../src/render/access/test-text';
import { specModel } from './spec-model';

const NOW = new Date('2026-12-01T00:00:00Z');

describe('evaluateAssertions on offline models', () => {
  it('every assertion of examples/org.yaml holds, each over a known number of checks', () => {
    const { spec, model } = specModel('examples/org.yaml', NOW);
    const r = evaluateAssertions(model, spec.assertions ?? [], NOW);
    expect(r.map((x) => [x.status, x.checked])).toEqual([
      ['pass', 3], // ml-pipeline on three instances
      ['pass', 3], // ravi, any new finance writer, an IdP FINwriter
      ['pass', 6],
      ['pass', 1],
      ['pass', 4], // one IdP user, two actions, two instances
    ]);
  });

  it('the failing fixture: every counter-example with its path, a can without path, an expired assertion skipped', () => {
    const { spec, model } = specModel('test/fixtures/assertions/failing.yaml', NOW);
    const r = evaluateAssertions(model, spec.assertions ?? [], NOW);
    expect(r.map((x) => x.status)).toEqual(['fail', 'fail', 'fail', 'skipped']);
    expect(counterExampleLines(r[0].counterExamples[0])).toEqual([
      'fatima@example.com can job.delete on QR-ml: member of qr-ml-writers → policy policy:qr-ml-writers/instance:QR-ml → role QRwriter → quantum-computing.job.delete',
    ]);
    expect(r[0].counterExamples.map((c) => c.principal)).toEqual([
      'fatima@example.com',
      'serviceId:ml-pipeline',
      'amyra@example.com',
      'any new member of qr-ml-writers',
      'an IdP user with project=ml-writer',
    ]);
    expect(r[1].counterExamples.map((c) => `${c.principal} ${c.grants[0].via.kind} ${c.grants[0].condition}`)).toEqual(['amyra@example.com direct active']);
    expect(r[2].counterExamples.map(counterExampleLines)).toEqual([
      ['ravi@example.com cannot job.read on QR-ml: no path'],
      ['ravi@example.com cannot device.read on QR-ml: no path'],
    ]);
    expect(r[3].detail).toBe('until 2020-01-01 has passed');
  });

  it('the temporary grant stops counting once it has expired, and shows as not in force', () => {
    const later = new Date('2099-01-02T00:00:00Z');
    const { model } = specModel('test/fixtures/assertions/failing.yaml', NOW);
    const a: AssertionInput = { who: 'amyra@example.com', can: 'job.read', on: 'instance:QR-ml' };
    expect(evaluateAssertions(model, [a], NOW)[0].status).toBe('pass');
    const r = evaluateAssertions(model, [a], later)[0];
    expect(r.status).toBe('fail');
    expect(counterExampleLines(r.counterExamples[0])[1]).toMatch(/^ {2}not in force: own policy → policy user-policy:.* \(time condition expired: grants nothing\)$/);
  });

  it('a can over nobody or nowhere fails; a cannot over nobody holds; bad words are errors', () => {
    const { model } = specModel('examples/org.yaml', NOW);
    const r = evaluateAssertions(
      model,
      [
        { who: 'project:nope/writers', can: 'job.read', on: '*' },
        { who: 'ravi@example.com', can: 'job.read', on: 'resourceGroup:nope' },
        { who: 'project:nope/writers', cannot: 'job.read', on: '*' },
        { who: 'root', cannot: 'job.read', on: '*' },
        { who: '*', cannot: 'job.read', on: 'QR-ml' },
        { who: '*', cannot: 'Job Read', on: '*' },
        { who: '*', can: 'job.read', cannot: 'job.read', on: '*' },
        { who: '*', on: '*' },
      ],
      NOW,
    );
    expect(r.map((x) => x.status)).toEqual(['fail', 'fail', 'pass', 'error', 'error', 'error', 'error', 'error']);
    expect(r[0].detail).toBe('who "project:nope/writers" stands for no identity here');
    expect(r[4].detail).toMatch(/instances are written instance:NAME/);
  });

  it('`*` includes members unknown to the model, who hold nothing', () => {
    const { model } = specModel('examples/org.yaml', NOW);
    const [r] = evaluateAssertions(model, [{ who: 'mallory@example.com', cannot: 'writer', on: '*' }], NOW);
    expect(r).toMatchObject({ status: 'pass', checked: 33 });
  });
});
