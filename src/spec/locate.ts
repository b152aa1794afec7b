import { type Diagnostic, type Range, type RelatedLocation, type SpecPath } from './diag';
import { rangeAt, type SourceText } from './source';
import { type Span, type SpanIndex } from './spans';

/**
 * Fills `range` on every diagnostic and related location that lacks one (STYLE P4), from the YAML spans.
 *
 * A path that names nothing in the file (a defaulted value, a missing key) falls back to its nearest
 * ancestor that exists. `target: 'key'` and whole mappings/sequences under a key point at the key (`ml:`);
 * a sequence item that is a mapping points at its first line. Pure; returns new objects.
 */
export function locate(diags: readonly Diagnostic[], spans: SpanIndex, src: SourceText): Diagnostic[] {
  const find = (path: SpecPath, target: 'key' | 'value' | undefined): Range => {
    for (let n = path.length; n >= 0; n--) {
      const span = spans.lookup(n === path.length ? path : path.slice(0, n));
      if (span) return rangeOfSpan(span, target, src);
    }
    return rangeAt(src, 0, 0);
  };
  /** The whole key or value (all of a multi-line block), for masking; undefined when not in the file. */
  const secretSpan = (path: SpecPath, what: 'key' | 'value'): Range | undefined => {
    const span = spans.lookup(path);
    if (!span) return undefined;
    const [start, end] = what === 'key' ? (span.key ?? span.value) : span.value;
    return rangeAt(src, start, end);
  };
  return diags.map((d) => {
    const related = d.related?.map((r): RelatedLocation => (r.range ? r : { ...r, range: find(r.path, r.target) }));
    const range = d.range ?? find(d.path, d.target);
    const secretRange = d.secret && !d.secretRange ? secretSpan(d.path, d.secret) : undefined;
    return { ...d, range, ...(related ? { related } : {}), ...(secretRange ? { secretRange } : {}) };
  });
}

function rangeOfSpan(span: Span, target: 'key' | 'value' | undefined, src: SourceText): Range {
  if (span.key && (target === 'key' || span.collection)) return rangeAt(src, span.key[0], span.key[1]);
  const [start, end] = span.value;
  if (!span.collection) return rangeAt(src, start, end);
  // A multi-line block: keep its first line, which is what a reader scans for.
  const nl = src.text.indexOf('\n', start);
  return rangeAt(src, start, nl >= 0 && nl < end ? nl : end);
}
