import { distance } from 'fastest-levenshtein';

/**
 * "Did you mean …": the closest candidate within a distance that scales with the word's length, or undefined.
 * Case-insensitive; ties keep the candidate listed first so messages are deterministic.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestD && d <= limit) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
