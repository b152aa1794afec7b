/**
 * Terraform resource labels (`resource "TYPE" "LABEL"`) derived from qgov names, unique per resource type.
 * A label is the name lower-cased with every run of characters outside `[a-z0-9]` turned into `_`, prefixed
 * with `_` when it would not start with a letter; a second name that maps to the same label gets `_2`, `_3`,
 * … in the order names are first seen, so the same desired state always yields the same labels.
 *
 * Not for: anything IBM sees. Labels exist only in the Terraform configuration and state.
 */
export interface LabelAllocator {
  /** The label of `key` (any string naming the object within `type`), allocated from `hint` on first use. */
  label(type: string, key: string, hint?: string): string;
}

export function labelAllocator(): LabelAllocator {
  const byKey = new Map<string, string>();
  const taken = new Set<string>();
  return {
    label(type, key, hint = key) {
      const id = `${type}\u0000${key}`;
      const known = byKey.get(id);
      if (known !== undefined) return known;
      const base = slug(hint);
      let candidate = base;
      for (let n = 2; taken.has(`${type}\u0000${candidate}`); n++) candidate = `${base}_${n}`;
      taken.add(`${type}\u0000${candidate}`);
      byKey.set(id, candidate);
      return candidate;
    },
  };
}

/** `QR-ml` → `qr_ml`; `2nd group` → `_2nd_group`; `` → `_`. */
export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (s === '') return '_';
  return /^[a-z]/.test(s) ? s : `_${s}`;
}
