import { type LimitExceptionSpec, type OrgSpec, type TemporaryGrantSpec } from './types';

/**
 * Where a temporary thing (a grant or a limit exception) stands at `now`: `scheduled` (its `from` is still
 * ahead: IAM holds a grant's policy but does not honour it yet), `active`, or `expired` (`until` passed: IAM no
 * longer honours a grant even if nobody runs qgov; the next apply removes it).
 */
export type TemporaryStatus = 'scheduled' | 'active' | 'expired';

export function temporaryStatus(t: { readonly from?: string; readonly until: string }, now: Date): TemporaryStatus {
  const n = now.getTime();
  if (!(Date.parse(t.until) > n)) return 'expired';
  return t.from !== undefined && Date.parse(t.from) > n ? 'scheduled' : 'active';
}

/** The exception running at `now` (the one ending first when several are), if any. */
export function activeException(exceptions: readonly LimitExceptionSpec[], now: Date): LimitExceptionSpec | undefined {
  const running = exceptions.filter((x) => temporaryStatus(x, now) === 'active');
  return running.sort((a, b) => Date.parse(a.until) - Date.parse(b.until))[0];
}

/** One instance's limit exception with its status, for reviews. */
export interface LimitExceptionEntry {
  readonly instance: string;
  /** Position in the instance's `limits.exceptions` (for spec paths). */
  readonly index: number;
  readonly exception: LimitExceptionSpec;
  readonly status: TemporaryStatus;
  /** True for the one exception `expand` applies at `now` (at most one per instance). */
  readonly inForce: boolean;
}

/** Every limit exception of the spec with its status at `now`, in spec order. */
export function limitExceptions(spec: OrgSpec, now: Date): LimitExceptionEntry[] {
  return Object.entries(spec.instances).flatMap(([instance, i]) => {
    const all = i.limits?.exceptions ?? [];
    const inForce = activeException(all, now);
    return all.map((exception, index) => ({ instance, index, exception, status: temporaryStatus(exception, now), inForce: exception === inForce }));
  });
}

/** The limit exceptions running at `now` (what the review lists as active exceptions). */
export function activeLimitExceptions(spec: OrgSpec, now: Date): LimitExceptionEntry[] {
  return limitExceptions(spec, now).filter((e) => e.status === 'active');
}

/** One temporary grant with its project and status, for reviews. */
export interface TemporaryGrantEntry {
  readonly project: string;
  readonly index: number;
  readonly grant: TemporaryGrantSpec;
  readonly status: TemporaryStatus;
}

/** Every temporary grant of the spec with its status at `now`, in spec order. */
export function temporaryGrants(spec: OrgSpec, now: Date): TemporaryGrantEntry[] {
  return Object.entries(spec.projects).flatMap(([project, p]) => p.temporary.map((grant, index) => ({ project, index, grant, status: temporaryStatus(grant, now) })));
}
