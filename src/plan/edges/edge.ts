import { type Address, type Resource } from '../../model/resources';
import { type Action, type Change, type ChangeAddress } from '../types';

/** `from` must wait for `to` (apply runs `to` first). */
export interface Edge {
  readonly from: ChangeAddress;
  readonly to: ChangeAddress;
}

/**
 * One named dependency rule (Terraform's graph "steps"): it looks at the planned changes and returns the
 * edges it knows about. Steps are pure and independent; `index.ts` lists them and merges their edges.
 * Invariant: a step only returns edges between changes of the plan.
 */
export interface EdgeStep {
  readonly name: string;
  edges(ix: ChangeIndex): Edge[];
}

/** The plan's changes by address, with small helpers the steps share. */
export class ChangeIndex {
  private readonly byAddress = new Map<ChangeAddress, Change>();

  constructor(readonly changes: readonly Change[]) {
    for (const c of changes) this.byAddress.set(c.address, c);
  }

  /** The change at `address` when its action is one of `actions`. */
  at(address: Address, actions: readonly Action[]): Change | undefined {
    const c = this.byAddress.get(address);
    return c && actions.includes(c.action) ? c : undefined;
  }
}

/** Actions that bring an object into existence as qgov's (what dependents wait for). */
export const BRINGS_UP: readonly Action[] = ['create', 'replace', 'adopt'];

/** The resource a change leaves behind (`after`), or for deletes the one it removes. */
export function subjectOf(c: Change): Resource | undefined {
  switch (c.action) {
    case 'create':
    case 'update':
    case 'replace':
    case 'adopt':
      return c.after;
    case 'delete':
      return c.before;
    case 'invite':
      return undefined;
  }
}

/** The live resource a change starts from, if any. */
export function beforeOf(c: Change): Resource | undefined {
  return c.action === 'update' || c.action === 'replace' || c.action === 'adopt' || c.action === 'delete' ? c.before : undefined;
}
