import { type Reply, type Req } from '../http';
import { type ServiceEnv } from '../service';
import { denial } from './denial';
import { decide, isAccountOwner } from './evaluate';
import { type ResourceAttrs } from './resource';
import { ROUTE_AUTHZ, type AuthzContext, type ListFilter } from './route-table';

/** What to do with a reply after the handler ran (drop list items the caller may not see); identity when absent. */
export type ReplyFilter = (reply: Reply) => Reply;

/**
 * The server's one authorization step, between authentication and the handler. Throws the service's 403
 * when a check of the route's row fails; returns a filter for the lists IBM filters instead.
 *
 * Not checked: the account owner (E2, the sandbox key's user), and callers whose token names another
 * account — the services already answer those with their own 403s, as before authorization existed.
 */
export function authorizeRequest(env: ServiceEnv, routeKey: string, req: Req): ReplyFilter | undefined {
  const rule = ROUTE_AUTHZ[routeKey];
  if (!rule) return undefined;
  const caller = req.caller;
  const account = env.config.accountId;
  if (caller.accountId !== account || isAccountOwner(caller.iamId)) return undefined;
  const ctx: AuthzContext = { env, req, account };
  for (const check of rule.checks(ctx)) {
    const ok = check.resources.some((r) => decide(env, caller.iamId, check.action, r).allowed);
    if (!ok) throw denial(rule.service, caller.iamId, check.action, check.resources[0] ?? { accountId: account });
  }
  return rule.filter ? (reply) => filterReply(reply, rule.filter as ListFilter, ctx) : undefined;
}

function filterReply(reply: Reply, filter: ListFilter, ctx: AuthzContext): Reply {
  if (reply.status >= 400 || typeof reply.body !== 'object' || reply.body === null) return reply;
  const body = reply.body as Record<string, unknown>;
  const items = body[filter.field];
  if (!Array.isArray(items)) return reply;
  const kept = items.filter((item) => {
    if (typeof item !== 'object' || item === null) return true;
    const r = filter.resourceOf(item as Record<string, unknown>, ctx);
    if (r === undefined) return true;
    const alternatives: readonly ResourceAttrs[] = Array.isArray(r) ? r : [r as ResourceAttrs];
    return alternatives.some((a) => decide(ctx.env, ctx.req.caller.iamId, filter.action, a).allowed);
  });
  if (kept.length === items.length) return reply;
  const next: Record<string, unknown> = { ...body, [filter.field]: kept };
  // Counts describe what the caller sees (the page is filtered after paging: see docs/emulator.md).
  for (const k of ['total_count', 'rows_count', 'count']) if (typeof next[k] === 'number') next[k] = (next[k] as number) - (items.length - kept.length);
  return { ...reply, body: next };
}
