import { ruleValue } from '../cloud/observe';
import { type LiveRule } from '../cloud/ports';
import { parseDescriptionMarker } from '../model/marker';
import { type Kind, type Pair } from './export-parts';

/** Export, step 4: dynamic rules as `identityProvider` and claim values, when every exported group has one (pure). */
export function ruleMatches(r: LiveRule, group: string): boolean {
  const c = r.conditions;
  return parseDescriptionMarker(r.name).text === `${group}-idp` && c.length === 1 && c[0].operator === 'CONTAINS' && typeof safeJson(c[0].value) === 'string';
}

export function identityProviderOf(owners: readonly Pair[]):
  | { provider: { realm: string; claim: string; sessionHours: number }; values: Map<string, { reader: string; writer: string }>; matched: Set<string> }
  | undefined {
  if (owners.length === 0) return undefined;
  const shapes = new Set<string>();
  const values = new Map<string, { reader: string; writer: string }>();
  const matched = new Set<string>();
  let provider: { realm: string; claim: string; sessionHours: number } | undefined;
  for (const pair of owners) {
    const v: Partial<Record<Kind, string>> = {};
    for (const c of [pair.reader, pair.writer]) {
      const fit = c.rules.filter((r) => ruleMatches(r, c.group.name));
      if (fit.length !== 1) return undefined;
      const r = fit[0];
      provider = { realm: r.realm, claim: r.conditions[0].claim, sessionHours: r.expiration };
      shapes.add(JSON.stringify(provider));
      v[c.kind] = ruleValue(r.conditions[0].value);
      matched.add(r.id);
    }
    values.set(pair.name, { reader: v.reader as string, writer: v.writer as string });
  }
  return shapes.size === 1 && provider ? { provider, values, matched } : undefined;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}
