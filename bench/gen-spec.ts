/** `block`: written the way examples/org.yaml is; `compact`: one flow mapping per entry, as a tool would. */
export type SpecStyle = 'block' | 'compact';

/**
 * Generates a large, valid org spec for benchmarks.
 *
 * Shape per project (the same as the lint scale test): one dedicated instance with limits, two readers (an
 * e-mail and a service ID), one writer, an explicit dynamic-rule claim pair and one temporary grant; plus
 * one group per 100 projects (`groups: false` leaves them out: at 250 projects their access groups would take
 * the account past IBM's 500). Project names have a fixed width, so none is a substring of another.
 */
export function generateSpec(projects: number, style: SpecStyle = 'block', opts: { readonly groups?: boolean } = {}): string {
  const pad = (i: number) => String(i).padStart(5, '0');
  const out: string[] = [
    '# yaml-language-server: $schema=../schemas/org.schema.json',
    'apiVersion: qgov/v1',
    'account:',
    '  id: a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5',
    `  allocationBudgetSeconds: ${60 * projects}`,
    'identityProvider:',
    '  realm: https://us-east.appid.cloud.ibm.com/oauth/v4/example-tenant',
    'roles:',
    '  reader:',
    '    name: QRreader',
    '    actions: [quantum-computing.device.read, quantum-computing.job.read, quantum-computing.session.read]',
    '  writer:',
    '    name: QRwriter',
    '    actions: [quantum-computing.device.read, quantum-computing.job.read, quantum-computing.session.read,',
    '      quantum-computing.job.create, quantum-computing.job.cancel, quantum-computing.session.create]',
    'maxTemporaryDays: 400',
    'instances:',
  ];
  for (let i = 1; i <= projects; i++) {
    if (style === 'compact') out.push(`  QR-p${pad(i)}: { plan: premium, limits: { instanceSeconds: 3600, allocationSeconds: 60 } }`);
    else out.push(`  QR-p${pad(i)}:`, '    plan: premium', `    limits: { instanceSeconds: 3600, allocationSeconds: 60 }`);
  }
  out.push('projects:');
  for (let i = 1; i <= projects; i++) {
    const p = `p${pad(i)}`;
    if (style === 'compact') {
      out.push(
        `  ${p}: { instances: [QR-${p}], writers: [w.${p}@example.com], readers: [r.${p}@example.com, serviceId:svc-${p}], ` +
          `idp: { reader: R${p}R, writer: W${p}W }, temporary: [{ member: t.${p}@example.com, role: reader, ` +
          `until: "2027-06-30T00:00:00Z", reason: access review, approvedBy: lead@example.com }] }`,
      );
      continue;
    }
    out.push(
      `  ${p}:`,
      `    instances: [QR-${p}]`,
      `    writers: [w.${p}@example.com]`,
      `    readers: [r.${p}@example.com, serviceId:svc-${p}]`,
      `    idp: { reader: R${p}R, writer: W${p}W }`,
      '    temporary:',
      `      - member: t.${p}@example.com`,
      '        role: reader',
      '        until: 2027-06-30T00:00:00Z',
      '        reason: access review',
      '        approvedBy: lead@example.com',
    );
  }
  if (opts.groups === false) return `${out.join('\n')}\n`;
  out.push('groups:');
  for (let g = 0; g * 100 < projects; g++) {
    const members = [];
    for (let i = g * 100 + 1; i <= Math.min(projects, (g + 1) * 100); i++) members.push(`p${pad(i)}`);
    out.push(`  division-${pad(g)}:`, `    projects: [${members.join(', ')}]`, `    readers: [head-${g}@example.com]`);
  }
  return `${out.join('\n')}\n`;
}
