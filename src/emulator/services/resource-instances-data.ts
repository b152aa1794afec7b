import { type ServiceEnv } from '../service';

/** Lifecycle states a resource instance can be in (the d.ts `ResourceInstance.Constants.State`). */
export type InstanceState =
  | 'active'
  | 'inactive'
  | 'removed'
  | 'pending_removal'
  | 'pending_reclamation'
  | 'failed'
  | 'provisioning'
  | 'pre_provisioning';

/**
 * The status of the last operation, exactly the keys IBM prints (`reason_code`, `poll_after` are never set).
 * `sub_type` is set only for `type: reclamation` (`pending` on delete, `restore`, `delete` on reclaim), as IBM's
 * Go SDK integration tests read it.
 */
export interface LastOperation {
  readonly type: 'create' | 'update' | 'delete' | 'lock' | 'unlock' | 'cancel' | 'reclamation';
  readonly sub_type?: 'pending' | 'restore' | 'delete';
  readonly state: 'in progress' | 'succeeded' | 'failed';
  readonly async: boolean;
  readonly description: string;
  readonly cancelable: boolean;
  readonly poll: boolean;
}

export interface PlanHistoryItem {
  readonly resource_plan_id: string;
  readonly start_date: string;
  readonly requestor_id: string;
}

/**
 * One resource instance as stored (plain JSON). Invariants: `crn` is
 * `crn:v1:bluemix:public:<service>:<region>:a/<account>:<guid>::` and never changes; `resource_group_id` is fixed
 * at creation; `seq` is the creation order and the list order; `parameters` is the last request's object exactly
 * as sent (absent when no request carried one); `extensions` is the normalised configuration the service derived
 * from every request so far. A deleted instance is `pending_reclamation` (restorable, its tags kept) until it
 * is reclaimed or its retention ends; then it is `removed`, keeps its record and is never listed again.
 * `ready_at` is set only while an asynchronous create is in progress. The reclamation timestamps are absent in
 * state files written before reclamations existed (read as null).
 */
export interface StoredInstance {
  readonly guid: string;
  readonly crn: string;
  readonly seq: number;
  readonly account_id: string;
  name: string;
  readonly region_id: string;
  readonly resource_group_id: string;
  readonly resource_group_crn: string;
  readonly resource_id: string;
  readonly service_name: string;
  resource_plan_id: string;
  readonly target_crn: string;
  state: InstanceState;
  allow_cleanup: boolean;
  locked: boolean;
  parameters?: Record<string, unknown>;
  extensions: Record<string, unknown>;
  last_operation: LastOperation;
  plan_history: PlanHistoryItem[];
  readonly created_at: string;
  readonly created_by: string;
  updated_at: string;
  updated_by: string;
  deleted_at: string | null;
  deleted_by: string;
  scheduled_reclaim_at?: string | null;
  scheduled_reclaim_by?: string;
  restored_at?: string | null;
  restored_by?: string;
  ready_at?: string;
}

/**
 * One reclamation (`/v1/reclamations`): the retention period of one deleted instance. Exists exactly while the
 * instance is `pending_reclamation`; `target_time` is when the emulator reclaims it on its own. `state` is
 * always `SCHEDULED` while stored (`RESTORING` / `RECLAIMING` appear only in the answer to an action, which
 * completes at once and drops the record).
 */
export interface StoredReclamation {
  readonly id: string;
  readonly entity_id: string;
  readonly entity_type_id: string;
  readonly entity_crn: string;
  readonly resource_instance_id: string;
  readonly resource_group_id: string;
  readonly account_id: string;
  readonly policy_id: string;
  state: 'SCHEDULED';
  readonly target_time: string;
  readonly custom_properties: Record<string, unknown>;
  readonly created_at: string;
  readonly created_by: string;
  updated_at: string;
  updated_by: string;
}

interface InstanceSlice {
  instances: Record<string, StoredInstance>;
  seq: number;
  /** Absent in state files written before reclamations existed. */
  reclamations?: Record<string, StoredReclamation>;
}

/** The Resource Controller's store slice (guid → instance). Owned by `resource-controller.ts`; others read only. */
export const instanceSlice = (env: ServiceEnv): InstanceSlice =>
  env.store.slice<InstanceSlice>('resource_controller', () => ({ instances: {}, seq: 0, reclamations: {} }));

/** The reclamations of the slice (id → record), created on first use for older state files. */
export const reclamationsOf = (slice: InstanceSlice): Record<string, StoredReclamation> => (slice.reclamations ??= {});

/**
 * States in which an instance still exists for its resource group: anything but removed (an instance pending
 * reclamation still blocks its group's deletion, and can come back).
 */
export const isLive = (i: StoredInstance): boolean => i.state !== 'removed';

/**
 * Instances of `accountId` in resource group `groupId` that still exist. Resource Manager refuses to delete a
 * group while this is non-zero. Linear in the number of instances: only group deletion asks.
 */
export function liveInstancesInGroup(env: ServiceEnv, accountId: string, groupId: string): number {
  let n = 0;
  for (const i of Object.values(instanceSlice(env).instances)) {
    if (i.account_id === accountId && i.resource_group_id === groupId && isLive(i)) n++;
  }
  return n;
}
