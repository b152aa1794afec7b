/**
 * Times `parseSpec` end to end (YAML → interpolation → schema → defaults → lint → locate) on a generated
 * spec, and prints where the time goes. See bench/README.md:
 *
 *   node -r ./bench/register.js bench/validate.ts [--projects 5000] [--runs 5] [--style block|compact] [--write FILE]
 *
 * `--write FILE` also saves the generated spec, to time the real CLI on it (`node bin/qgov validate FILE`).
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseSpec } from '../src/spec/load';
import { lint } from '../src/spec/lint';
import { normalize } from '../src/spec/normalize';
import { validateSchema } from '../src/spec/schema';
import { sourceText } from '../src/spec/source';
import { readYaml } from '../src/spec/yaml';
import { generateSpec, type SpecStyle } from './gen-spec';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const projects = Number(flag('projects', '5000'));
const runs = Number(flag('runs', '5'));
const style = flag('style', 'block') as SpecStyle;
const out = flag('write', '');
const now = new Date('2026-11-01T00:00:00Z');
const text = generateSpec(projects, style);
if (out) writeFileSync(out, text);
const ms = (t0: number) => performance.now() - t0;

const times: number[] = [];
let findings = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const r = parseSpec(text, 'generated.yaml', { env: {}, now });
  times.push(ms(t0));
  findings = r.ok ? r.warnings.length : r.diagnostics.length;
  // More than 250 projects exceed IBM Cloud IAM's account limits (QG196–QG199, one finding each); anything
  // else means the generator broke.
  const unexpected = r.ok ? [] : r.diagnostics.filter((d) => !['QG196', 'QG197', 'QG198', 'QG199'].includes(d.code));
  if (unexpected.length > 0) {
    console.error(unexpected.slice(0, 5));
    throw new Error('the generated spec should be valid apart from IAM account limits');
  }
}

// Phase breakdown (one warm run), to see where the time goes.
let t = performance.now();
const y = readYaml(sourceText('generated.yaml', text), {});
const tYaml = ms(t);
t = performance.now();
const s = validateSchema(y.value);
const tSchema = ms(t);
if (!s.ok) throw new Error('schema');
t = performance.now();
const spec = normalize(s.raw);
const tNorm = ms(t);
t = performance.now();
lint(spec, now);
const tLint = ms(t);

const fmt = (n: number) => `${n.toFixed(0)} ms`;
console.log(`validate: ${projects} projects (${style} style), ${(text.length / 1024).toFixed(0)} KiB, ${text.split('\n').length} lines, ${findings} findings`);
console.log(`  parseSpec end to end: first ${fmt(times[0] as number)}, best of ${runs} ${fmt(Math.min(...times))}, median ${fmt([...times].sort((a, b) => a - b)[Math.floor(runs / 2)] as number)}`);
console.log(`  phases (warm): yaml+interpolate ${fmt(tYaml)}, schema ${fmt(tSchema)}, defaults ${fmt(tNorm)}, lint ${fmt(tLint)}`);
console.log(`  node ${process.version}, ${process.platform}-${process.arch}`);
