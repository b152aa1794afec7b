/**
 * The public, IBM-owned part of the emulated Global Catalog: the `quantum-computing` service, its plans and their
 * deployments, and IBM Cloud Logs (the audit event target). Static data, never persisted; callers must treat it as read-only (updates answer 403).
 *
 * Sources: service id, region rules (Open only in us-east) and the Pay-As-You-Go / Premium plan ids come from
 * qiskit-runtime-facts.md §2 (the plan ids are unconfirmed there); the Open and Flex plan ids are made up
 * (stable, documented in docs/emulator/resources.md). Pricing types follow qiskit-ibm-runtime's vocabulary.
 */

/** Visibility of an entry (`GET /{id}/visibility`), IBM's `Visibility` model without the derived `owner`. */
export interface VisibilityRecord {
  restrictions: 'public' | 'nonibm_only' | 'ibm_only' | 'private';
  extendable: boolean;
  include?: { accounts: Record<string, string> };
  exclude?: { accounts: Record<string, string> };
}

/**
 * One catalog entry as the emulator holds it (builtin or created by an account). Invariants: `id` is unique across
 * builtin and account entries; `parent_id`, when set, names an existing entry; the fields IBM echoes
 * (`overview_ui`, `images`, `tags`, `provider`, `metadata`, `active`, `group`) are exactly what was sent, absent when
 * not sent. `owner` is `'IBM'` for builtin entries and the creating account id otherwise.
 */
export interface CatalogRecord {
  readonly id: string;
  name: string;
  kind: string;
  overview_ui: Record<string, unknown>;
  images: Record<string, unknown>;
  parent_id?: string;
  disabled: boolean;
  tags: string[];
  group?: boolean;
  provider: Record<string, unknown>;
  active?: boolean;
  metadata?: Record<string, unknown>;
  geo_tags?: string[];
  pricing_tags?: string[];
  readonly owner: string;
  readonly created: string;
  updated: string;
  rev: number;
  visibility: VisibilityRecord;
}

export const QUANTUM_SERVICE_ID = 'b6049020-80f4-11eb-a0f7-e35ec9b4054f';
export const QUANTUM_SERVICE_NAME = 'quantum-computing';

/** A plan of the quantum service: catalog name, display name, pricing type and the regions it deploys to. */
interface PlanDef {
  readonly id: string;
  readonly name: string;
  readonly display: string;
  readonly description: string;
  readonly pricing: 'free' | 'paygo' | 'subscription';
  readonly regions: readonly string[];
}

export const QUANTUM_PLANS: readonly PlanDef[] = [
  {
    id: '0b54c3f2-8e61-4d3a-9f07-2a6c5d1e9b40',
    name: 'open',
    display: 'Open',
    description: 'Free access to IBM quantum processors: up to 10 minutes of QPU time per rolling 28-day window.',
    pricing: 'free',
    regions: ['us-east'],
  },
  {
    id: '5304b575-3cff-4455-90dc-ae4367762093',
    name: 'standard',
    display: 'Pay-As-You-Go',
    description: 'Pay for the QPU time you use, with an optional cost limit per instance.',
    pricing: 'paygo',
    regions: ['us-east', 'eu-de'],
  },
  {
    id: '3f1e9a62-7c4d-4b85-a0e3-6d2b8c9f1a57',
    name: 'flex',
    display: 'Flex',
    description: 'Buy QPU minutes in advance and allocate them to instances.',
    pricing: 'subscription',
    regions: ['us-east', 'eu-de'],
  },
  {
    id: '7f666d17-7893-47d8-bf9d-2b2389fc4dfc',
    name: 'premium',
    display: 'Premium',
    description: 'Enterprise subscription with reserved capacity and Premium-only features.',
    pricing: 'subscription',
    regions: ['us-east', 'eu-de'],
  },
];

/**
 * IBM Cloud Logs (`logs`), where Activity Tracker Event Routing delivers audit events: served so that audit
 * targets can be provisioned like any instance. The ids are made up (stable); the regions are a subset of IBM's.
 */
export const LOGS_SERVICE_ID = '4b1f8c9e-2d7a-4e35-9c60-8a1d2f3e4b5c';
export const LOGS_SERVICE_NAME = 'logs';

export const LOGS_PLANS: readonly PlanDef[] = [
  {
    id: '9d2e6f1a-3b4c-4d5e-8f70-1a2b3c4d5e6f',
    name: 'standard',
    display: 'Standard',
    description: 'IBM Cloud Logs: search, alert on and retain platform and audit logs.',
    pricing: 'paygo',
    regions: ['us-east', 'us-south', 'eu-de', 'eu-gb'],
  },
];

const PROVIDER = { name: 'IBM', email: 'ibmcloud@ibm.com' };
const CREATED = '2021-03-09T14:00:00.000Z';
const UPDATED = '2026-07-01T00:00:00.000Z';
const PUBLIC: VisibilityRecord = { restrictions: 'public', extendable: false };

/** The id of a plan's deployment in `region`, and the CRN instances provisioned there record as `target_crn`. */
export const deploymentId = (planId: string, region: string): string => `${planId}:${region}`;
export const deploymentTargetCrn = (planId: string, region: string): string =>
  `crn:v1:bluemix:public:globalcatalog::::deployment:${encodeURIComponent(deploymentId(planId, region))}`;

function builtin(): CatalogRecord[] {
  const regions = [...new Set(QUANTUM_PLANS.flatMap((p) => p.regions))];
  const out: CatalogRecord[] = [
    {
      id: QUANTUM_SERVICE_ID,
      name: QUANTUM_SERVICE_NAME,
      kind: 'service',
      overview_ui: {
        en: {
          display_name: 'IBM Quantum Compute Service',
          description: 'Run quantum circuits and Qiskit primitives on IBM quantum processors (formerly Qiskit Runtime).',
          long_description:
            'Programs, sessions and jobs on IBM quantum processors and simulators, billed per instance plan. Access is governed by IBM Cloud IAM.',
        },
      },
      images: { image: 'https://cloud.ibm.com/catalog/images/quantum-computing.svg' },
      disabled: false,
      tags: ['ibm_created', 'rc_compatible', 'iam', 'quantum', 'ibm_release'],
      provider: { ...PROVIDER },
      active: true,
      metadata: {
        rc_compatible: true,
        service: {
          iam_compatible: true,
          provisionable: true,
          bindable: true,
          plan_updateable: true,
          service_key_supported: true,
          crn_mask: 'crn:v1:bluemix:public:quantum-computing:::::',
        },
      },
      geo_tags: regions,
      pricing_tags: [...new Set(QUANTUM_PLANS.map((p) => p.pricing))],
      owner: 'IBM',
      created: CREATED,
      updated: UPDATED,
      rev: 1,
      visibility: PUBLIC,
    },
  ];
  out.push({
    id: LOGS_SERVICE_ID,
    name: LOGS_SERVICE_NAME,
    kind: 'service',
    overview_ui: { en: { display_name: 'IBM Cloud Logs', description: 'Logs and audit events of the account.', long_description: 'Logs and audit events of the account.' } },
    images: { image: 'https://cloud.ibm.com/catalog/images/logs.svg' },
    disabled: false,
    tags: ['ibm_created', 'rc_compatible', 'iam'],
    provider: { ...PROVIDER },
    active: true,
    metadata: { rc_compatible: true, service: { iam_compatible: true, provisionable: true, bindable: false, plan_updateable: true, crn_mask: 'crn:v1:bluemix:public:logs:::::' } },
    geo_tags: [...new Set(LOGS_PLANS.flatMap((p) => p.regions))],
    pricing_tags: ['paygo'],
    owner: 'IBM',
    created: CREATED,
    updated: UPDATED,
    rev: 1,
    visibility: PUBLIC,
  });
  for (const [serviceId, p] of [...QUANTUM_PLANS.map((x) => [QUANTUM_SERVICE_ID, x] as const), ...LOGS_PLANS.map((x) => [LOGS_SERVICE_ID, x] as const)]) {
    out.push({
      id: p.id,
      name: p.name,
      kind: 'plan',
      overview_ui: { en: { display_name: p.display, description: p.description, long_description: p.description } },
      images: { image: 'https://cloud.ibm.com/catalog/images/quantum-computing.svg' },
      parent_id: serviceId,
      disabled: false,
      tags: ['ibm_created', 'rc_compatible', p.pricing],
      provider: { ...PROVIDER },
      active: true,
      metadata: {
        rc_compatible: true,
        plan: { bindable: true, reservable: p.pricing === 'subscription', allow_internal_users: true, provision_type: 'ibm_cloud' },
        pricing: { type: p.pricing, origin: 'global_catalog' },
      },
      geo_tags: [...p.regions],
      pricing_tags: [p.pricing],
      owner: 'IBM',
      created: CREATED,
      updated: UPDATED,
      rev: 1,
      visibility: PUBLIC,
    });
    for (const region of p.regions) {
      const id = deploymentId(p.id, region);
      out.push({
        id,
        name: region,
        kind: 'deployment',
        overview_ui: { en: { display_name: region, description: `${p.display} plan in ${region}`, long_description: `${p.display} plan in ${region}` } },
        images: { image: 'https://cloud.ibm.com/catalog/images/quantum-computing.svg' },
        parent_id: p.id,
        disabled: false,
        tags: ['ibm_created', 'rc_compatible'],
        provider: { ...PROVIDER },
        active: true,
        metadata: {
          rc_compatible: true,
          deployment: { location: region, target_crn: deploymentTargetCrn(p.id, region) },
          pricing: { type: p.pricing, origin: 'global_catalog', deployment_id: id, deployment_location: region },
        },
        geo_tags: [region],
        owner: 'IBM',
        created: CREATED,
        updated: UPDATED,
        rev: 1,
        visibility: PUBLIC,
      });
    }
  }
  return out;
}

/** Builtin entries by id. Frozen at module load: handlers copy before rendering. */
export const BUILTIN_ENTRIES: ReadonlyMap<string, CatalogRecord> = new Map(builtin().map((e) => [e.id, e]));
