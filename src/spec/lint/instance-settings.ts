import { PLANS, PLAN_SPELLINGS, REGIONS, isKnownRegion, resolvePlan } from '../catalog';
import { type Diagnostic, type RelatedLocation } from '../diag';
import { suggest } from '../suggest';
import { didYouMean, error, quoteList, warning } from './report';
import { type Rule } from './rule';

/**
 * Rule 6: service instances.
 * - QG150: region not one of Qiskit Runtime's (`us-east`, `eu-de`);
 * - QG151: unknown plan name (with "did you mean");
 * - QG152: plan not offered in the region (Open, and the historic plans, only in us-east);
 * - QG153: a limit that is not a non-negative integer;
 * - QG154 (warning): `allocationSeconds` above `instanceSeconds` (the allocation can never be used up);
 * - QG155: the sum of all allocations above `account.allocationBudgetSeconds`;
 * - QG156 (warning): an instance no project uses (nobody gets access; it still costs);
 * - QG157 (warning): `allocationSeconds` on a plan where IBM ignores allocations (Open, Pay-As-You-Go);
 * - QG158 (warning): a historic plan name (`lite`, `paygo-standard`);
 * - QG159 (warning): `backends: []`, which IBM reads as "no QPU at all".
 *
 * An instance whose plan equals `defaults.plan` may have inherited it, so an unknown plan there is reported
 * once, at `defaults.plan`.
 */

const MAX_RELATED = 10;

export const rule: Rule = {
  id: 'QG150',
  codes: ['QG150', 'QG151', 'QG152', 'QG153', 'QG154', 'QG155', 'QG156', 'QG157', 'QG158', 'QG159'],
  name: 'instance-settings',
  title: 'Instances must use a known plan, a valid region and consistent limits',
  defaultSeverity: 'error',
  check({ spec }) {
    const out: Diagnostic[] = [];

    const unknownPlan = (plan: string, path: (string | number)[]): void => {
      out.push(
        error('QG151', `unknown plan "${plan}"${didYouMean(suggest(plan, PLAN_SPELLINGS))}`, path, {
          detail: `Known plans: ${quoteList(PLAN_SPELLINGS, 20)}.`,
        }),
      );
    };
    const badRegion = (region: string, path: (string | number)[]): void => {
      out.push(
        error('QG150', `unknown region "${region}"${didYouMean(suggest(region, REGIONS))}`, path, {
          detail: `Qiskit Runtime runs in ${quoteList(REGIONS)}.`,
        }),
      );
    };

    if (resolvePlan(spec.defaults.plan) === undefined) unknownPlan(spec.defaults.plan, ['defaults', 'plan']);
    if (!isKnownRegion(spec.defaults.region)) badRegion(spec.defaults.region, ['defaults', 'region']);

    const used = new Set(Object.values(spec.projects).flatMap((p) => p.instances));
    let allocated = 0;
    const allocators: RelatedLocation[] = [];

    for (const [name, inst] of Object.entries(spec.instances)) {
      const base = ['instances', name];
      const regionOk = isKnownRegion(inst.region);
      if (!regionOk && inst.region !== spec.defaults.region) badRegion(inst.region, [...base, 'region']);
      const plan = resolvePlan(inst.plan);
      if (plan === undefined) {
        if (inst.plan !== spec.defaults.plan) unknownPlan(inst.plan, [...base, 'plan']);
      } else {
        const info = PLANS[plan];
        if (regionOk && !(info.regions as readonly string[]).includes(inst.region)) {
          out.push(
            error('QG152', `instance "${name}": the ${info.displayName} plan is not offered in ${inst.region}`, [...base, 'region'], {
              detail: `${info.displayName} instances can only be created in ${quoteList(info.regions)}. Set region: ${info.regions[0]} or choose another plan.`,
            }),
          );
        }
        if (info.historic) {
          out.push(
            warning('QG158', `instance "${name}" uses the historic plan name "${inst.plan}"`, [...base, 'plan'], {
              detail: `${info.note}. Current plans: open, standard (Pay-As-You-Go), flex, premium.`,
            }),
          );
        }
        if (!info.allocation && inst.limits?.allocationSeconds !== undefined) {
          out.push(
            warning('QG157', `instance "${name}": allocationSeconds has no effect on the ${info.displayName} plan`, [...base, 'limits', 'allocationSeconds'], {
              detail: 'IBM applies usage allocations to Flex and Premium instances only. Use instanceSeconds to cap usage, or remove it.',
            }),
          );
        }
      }

      const limits = inst.limits;
      if (limits !== undefined) {
        const valid = (v: number | undefined): v is number => v !== undefined && Number.isInteger(v) && v >= 0;
        for (const field of ['instanceSeconds', 'allocationSeconds'] as const) {
          const v = limits[field];
          if (v !== undefined && !valid(v)) {
            out.push(
              error('QG153', `instance "${name}": limits.${field} must be a non-negative whole number of seconds, not ${v}`, [...base, 'limits', field]),
            );
          }
        }
        const { instanceSeconds, allocationSeconds } = limits;
        if (valid(instanceSeconds) && valid(allocationSeconds) && allocationSeconds > instanceSeconds) {
          out.push(
            warning('QG154', `instance "${name}": allocationSeconds ${allocationSeconds} is above instanceSeconds ${instanceSeconds}`, [...base, 'limits', 'allocationSeconds'], {
              detail: 'The hard limit stops the instance before the allocation is used up. Lower the allocation or raise the limit.',
              related: [{ message: 'the instance limit', path: [...base, 'limits', 'instanceSeconds'] }],
            }),
          );
        }
        if (valid(allocationSeconds) && allocationSeconds > 0) {
          allocated += allocationSeconds;
          allocators.push({ message: `instance "${name}" allocates ${allocationSeconds} s`, path: [...base, 'limits', 'allocationSeconds'] });
        }
        if (limits.backends !== undefined && limits.backends.length === 0) {
          out.push(
            warning('QG159', `instance "${name}": backends is empty, so no QPU may be used`, [...base, 'limits', 'backends'], {
              detail: 'IBM reads an empty list as "no backends". Remove the key to allow every backend of the plan.',
            }),
          );
        }
      }

      if (!used.has(name)) {
        out.push(
          warning('QG156', `instance "${name}" is not used by any project`, base, {
            target: 'key',
            detail: 'Nobody gets access through qgov, but it still exists (and may cost). Add it to a project\'s instances or remove it.',
          }),
        );
      }
    }

    const budget = spec.account.allocationBudgetSeconds;
    if (budget !== undefined && allocated > budget) {
      out.push(
        error('QG155', `instances allocate ${allocated} s in total, above account.allocationBudgetSeconds ${budget}`, ['account', 'allocationBudgetSeconds'], {
          detail: `IBM rejects allocations beyond the account's entitlement. Reduce allocations by ${allocated - budget} s or raise the budget.${allocators.length > MAX_RELATED ? ` (${allocators.length} instances allocate; the first ${MAX_RELATED} are listed.)` : ''}`,
          related: allocators.slice(0, MAX_RELATED),
        }),
      );
    }
    return out;
  },
};
