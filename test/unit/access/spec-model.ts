import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessModelFromResources } from '../../../src/access/from-resources';
import { type AccessModel } from '../../../src/access/model';
import { expand } from '../../../src/spec/expand';
import { parseSpec } from '../../../src/spec/load';
import { type OrgSpec } from '../../../src/spec/types';

export const ROOT = join(__dirname, '../../..');

/** Loads a spec file of the repository (lint-clean), its offline access model and its assertions. */
export function specModel(rel: string, now: Date): { spec: OrgSpec; model: AccessModel } {
  const r = parseSpec(readFileSync(join(ROOT, rel), 'utf8'), rel, { env: {}, now });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.summary}`).join('\n'));
  return { spec: r.spec, model: accessModelFromResources(expand(r.spec, { now, specHash: r.hash }), r.spec) };
}
