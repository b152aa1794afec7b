import { type Impact } from './types';

/**
 * The impact ladder (STYLE P3) as one ranking table: higher is worse. Renderers sort and colour by it, CI
 * gates on it, and `worstImpact` reduces several field impacts to one ("worst wins").
 */
export const IMPACT_RANK: Readonly<Record<Impact, number>> = {
  config: 0,
  membership: 1,
  'policy-narrow': 2,
  'policy-broaden': 3,
  replace: 4,
  'delete-instance': 5,
};

/** The impacts in ascending order of risk. */
export const IMPACTS: readonly Impact[] = (Object.keys(IMPACT_RANK) as Impact[]).sort((a, b) => IMPACT_RANK[a] - IMPACT_RANK[b]);

/** The worst of the given impacts; `config` for none. */
export function worstImpact(...impacts: readonly Impact[]): Impact {
  let worst: Impact = 'config';
  for (const i of impacts) if (IMPACT_RANK[i] > IMPACT_RANK[worst]) worst = i;
  return worst;
}
