import { ApiError, type Req, type Reply, type Router } from '../http';
import { type ServiceEnv } from '../service';
import { checkAccount, nowIso, uuid } from '../util';
import { detachAllTags } from './global-tagging';
import {
  instanceSlice,
  reclamationsOf,
  type LastOperation,
  type StoredInstance,
  type StoredReclamation,
} from './resource-instances-data';

/** The id of the emulator's one reclamation policy (IBM names the retention policy each record follows). */
const RETENTION_POLICY_ID = 'qgov-emulator-retention';

const reclamationOp = (subType: 'pending' | 'restore' | 'delete', description: string): LastOperation => ({
  type: 'reclamation',
  sub_type: subType,
  state: 'succeeded',
  async: false,
  description,
  cancelable: false,
  poll: false,
});

/**
 * Puts a just-deleted instance into reclamation: `pending_reclamation`, its tags and every policy naming it
 * kept, and a `SCHEDULED` reclamation whose `target_time` is now + the configured retention.
 */
export function scheduleReclamation(env: ServiceEnv, i: StoredInstance, by: string): StoredReclamation {
  // One clock reading: target_time is exactly created_at + retention.
  const nowMs = env.now().getTime();
  const at = new Date(nowMs).toISOString();
  i.state = 'pending_reclamation';
  i.updated_at = at;
  i.updated_by = by;
  i.scheduled_reclaim_at = at;
  i.scheduled_reclaim_by = by;
  i.last_operation = reclamationOp('pending', 'Completed delete instance operation; the instance is pending reclamation');
  const rec: StoredReclamation = {
    id: uuid(),
    entity_id: i.guid,
    entity_type_id: i.resource_id,
    entity_crn: i.crn,
    resource_instance_id: i.guid,
    resource_group_id: i.resource_group_id,
    account_id: i.account_id,
    policy_id: RETENTION_POLICY_ID,
    state: 'SCHEDULED',
    target_time: new Date(nowMs + env.config.reclamationRetentionMs).toISOString(),
    custom_properties: {},
    created_at: at,
    created_by: by,
    updated_at: at,
    updated_by: by,
  };
  reclamationsOf(instanceSlice(env))[rec.id] = rec;
  return rec;
}

/** Reclaims: the instance is `removed` for good (its user tags come off the CRN) and the record is dropped. */
function reclaim(env: ServiceEnv, rec: StoredReclamation, by: string, description: string): void {
  const slice = instanceSlice(env);
  delete reclamationsOf(slice)[rec.id];
  const i = slice.instances[rec.resource_instance_id];
  if (!i) return;
  const at = nowIso(env.now);
  i.state = 'removed';
  i.updated_at = at;
  i.updated_by = by;
  i.deleted_at = at;
  i.deleted_by = by;
  i.last_operation = reclamationOp('delete', description);
  detachAllTags(env, i.crn);
}

function restore(env: ServiceEnv, rec: StoredReclamation, by: string): void {
  const slice = instanceSlice(env);
  delete reclamationsOf(slice)[rec.id];
  const i = slice.instances[rec.resource_instance_id];
  if (!i) return;
  const at = nowIso(env.now);
  i.state = 'active';
  i.updated_at = at;
  i.updated_by = by;
  i.restored_at = at;
  i.restored_by = by;
  i.last_operation = reclamationOp('restore', 'Completed restore instance operation');
}

/**
 * Reclaims every instance whose retention has ended on the emulator clock; true when one was. Called by the
 * Resource Controller's `settle` on every request it serves, so `/__emulator/clock` moves decide.
 */
export function reclaimDue(env: ServiceEnv): boolean {
  const recs = instanceSlice(env).reclamations;
  if (!recs) return false;
  const now = nowIso(env.now);
  let changed = false;
  for (const rec of Object.values(recs)) {
    if (rec.target_time > now) continue;
    reclaim(env, rec, '', 'Completed reclamation: the retention period ended');
    changed = true;
  }
  return changed;
}

function list(env: ServiceEnv, req: Req): Reply {
  const account = checkAccount(req, req.query.get('account_id'), false);
  const instance = req.query.get('resource_instance_id');
  const group = req.query.get('resource_group_id');
  const resources = Object.values(reclamationsOf(instanceSlice(env))).filter(
    (r) =>
      r.account_id === account &&
      (instance === null || instance === '' || r.resource_instance_id === instance) &&
      (group === null || group === '' || r.resource_group_id === group),
  );
  return { status: 200, body: { resources } };
}

const ACTIONS = ['restore', 'reclaim'] as const;

function runAction(env: ServiceEnv, req: Req): Reply {
  const id = req.params.id as string;
  const action = req.params.action_name as string;
  if (!(ACTIONS as readonly string[]).includes(action)) {
    throw new ApiError(400, 'invalid_parameter', `Reclamation action '${action}' is not one of ${ACTIONS.join(', ')}.`, {
      target: { name: 'action_name', type: 'parameter' },
    });
  }
  const body = req.body;
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
    throw new ApiError(400, 'invalid_body', 'The request body must be a JSON object ({request_by?, comment?}).');
  }
  const o = (body ?? {}) as Record<string, unknown>;
  for (const k of ['request_by', 'comment']) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string') {
      throw new ApiError(400, 'invalid_body', `Invalid field '${k}': expected a string.`, { target: { name: k, type: 'field' } });
    }
  }
  const recs = reclamationsOf(instanceSlice(env));
  const rec = Object.hasOwn(recs, id) ? recs[id] : undefined;
  if (!rec) throw new ApiError(404, 'not_found', `Reclamation '${id}' was not found.`);
  if (rec.account_id !== req.caller.accountId) {
    throw new ApiError(403, 'forbidden', `The caller is not authorized to act on reclamation '${id}'.`);
  }
  const by = typeof o.request_by === 'string' && o.request_by !== '' ? o.request_by : req.caller.iamId;
  const at = nowIso(env.now);
  // The action completes at once; the answer shows the transitional state IBM reports (RESTORING, RECLAIMING).
  const answer = { ...rec, state: action === 'restore' ? 'RESTORING' : 'RECLAIMING', updated_at: at, updated_by: by };
  if (action === 'restore') restore(env, rec, by);
  else reclaim(env, rec, by, 'Completed reclamation: the instance was reclaimed');
  return { status: 200, body: answer };
}

/**
 * Routes of `/v1/reclamations` (list, `restore` / `reclaim` actions). `settle` runs first on each, so a
 * retention that ended is applied before the answer.
 */
export function registerReclamationRoutes(router: Router, env: ServiceEnv, settle: () => void): void {
  router.add({
    method: 'GET',
    pattern: '/v1/reclamations',
    handler: (req) => {
      settle();
      return list(env, req);
    },
  });
  router.add({
    method: 'POST',
    pattern: '/v1/reclamations/:id/actions/:action_name',
    handler: (req) => {
      settle();
      return runAction(env, req);
    },
  });
}
