import { type DesiredState } from '../../../src/model/resources';
import { expand } from '../../../src/spec/expand';
import { parseSpec } from '../../../src/spec/load';

export const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
export const NOW = new Date('2026-06-01T00:00:00Z');

/** A small spec: project ml (instance QR-ml, two writers, one reader, a temporary grant), dynamic rules. */
export const SMALL_SPEC = `
apiVersion: qgov/v1
account: { id: ${ACCOUNT} }
identityProvider: { realm: https://us-east.appid.cloud.ibm.com/oauth/v4/t, claim: project, sessionHours: 12 }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
instances:
  QR-ml: { plan: premium, limits: { instanceSeconds: 3600 } }
projects:
  ml:
    instances: [QR-ml]
    writers: [Fatima@Example.com, serviceId:ml-pipeline]
    readers: [profile:ml-notebooks]
    idp: { reader: MLreader, writer: MLwriter }
    temporary:
      - { member: amyra@example.com, role: writer, until: 2026-08-01T00:00:00Z, reason: benchmark, approvedBy: lead@example.com }
`;

export function desiredFrom(text: string = SMALL_SPEC): DesiredState {
  const r = parseSpec(text, 'spec.yaml', { env: {}, now: NOW });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.summary}`).join('\n'));
  return expand(r.spec, { now: NOW, specHash: r.hash });
}
