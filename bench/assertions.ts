import { accessModelFromResources } from '../src/access/from-resources';
import { evaluateAssertions } from '../src/access/assertions';
import { expand } from '../src/spec/expand';
import { parseSpec } from '../src/spec/load';
import { generateSpec } from './gen-spec';

/**
 * Times `evaluateAssertions` on a generated spec (`bench/gen-spec.ts`) with assertions appended: the
 * worst case `* cannot job.delete on *` (every principal × every instance), one `* except project cannot`
 * per 100 projects (its division group and temporary reader excepted too), and a `can` per 10 projects.
 *
 *   node -r ./bench/register.js bench/assertions.ts [--projects 1000] [--runs 3]
 */
const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const projects = arg('projects', 1000);
const runs = arg('runs', 3);
const pad = (i: number) => String(i).padStart(5, '0');
const lines = ['assertions:', '  - { who: "*", cannot: job.delete, on: "*" }'];
for (let i = 1; i <= projects; i += 100) {
  const division = `group:division-${pad(Math.floor((i - 1) / 100))}/*`;
  lines.push(`  - { who: "*", except: ["project:p${pad(i)}/*", "${division}", "t.p${pad(i)}@example.com"], cannot: job.read, on: "instance:QR-p${pad(i)}" }`);
}
for (let i = 1; i <= projects; i += 10) lines.push(`  - { who: "project:p${pad(i)}/writers", can: job.create, on: "project:p${pad(i)}" }`);
const text = `${generateSpec(projects, 'compact')}\n${lines.join('\n')}\n`;
const now = new Date('2026-12-01T00:00:00Z');
const r = parseSpec(text, 'gen.yaml', { env: {}, now });
if (!r.ok) throw new Error(r.diagnostics.slice(0, 3).map((d) => `${d.code} ${d.summary}`).join('\n'));
const model = accessModelFromResources(expand(r.spec, { now, specHash: 'b' }), r.spec);
let best = Infinity;
let checked = 0;
for (let k = 0; k < runs; k++) {
  const t = performance.now();
  const res = evaluateAssertions(model, r.spec.assertions ?? [], now);
  best = Math.min(best, performance.now() - t);
  checked = res.reduce((a, x) => a + x.checked, 0);
  const bad = res.find((x) => x.status !== 'pass');
  if (bad) throw new Error(`${bad.label}: ${bad.status} ${bad.detail ?? ''} ${bad.counterExamples.slice(0, 2).map((c) => `${c.principal} ${c.action} ${c.instance}`).join('; ')}`);
}
console.log(
  `${projects} projects, ${model.identities.length} identities, ${model.groups.length} groups, ${model.policies.length} policies, ` +
    `${r.spec.assertions?.length ?? 0} assertions, ${checked} checks: best of ${runs} ${best.toFixed(0)} ms`,
);
