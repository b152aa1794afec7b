import { lint } from '../../../../src/spec/lint/index';
import { type OrgSpec, type ProjectSpec } from '../../../../src/spec/types';
import { NOW, grant, instance, project, spec } from './fixture';

/** 5,000 projects, each with its own instance, members, an explicit claim pair and a temporary grant. */
function bigSpec(n: number): OrgSpec {
  const projects: Record<string, ProjectSpec> = {};
  const instances: Record<string, ReturnType<typeof instance>> = {};
  for (let i = 0; i < n; i++) {
    const name = `p${i.toString(36).padStart(4, '0')}x`;
    instances[`QR-${name}`] = instance({ plan: 'premium', limits: { instanceSeconds: 3600, allocationSeconds: 60 } });
    projects[name] = project({
      instances: [`QR-${name}`],
      readers: [`r${i}@example.com`, `serviceId:svc-${i}`],
      writers: [`w${i}@example.com`],
      idp: { reader: `R${name}R`, writer: `W${name}W` },
      temporary: [grant({ member: `t${i}@example.com` })],
    });
  }
  return spec({ instances, projects, account: { id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9', allocationBudgetSeconds: 60 * n } });
}

describe('lint at scale', () => {
  it('lints a 5,000-project spec well within the 1 s validate budget; only IAM\'s account limits object', () => {
    const s = bigSpec(5000);
    // 10,000 access groups and 15,000 policies are beyond one IBM Cloud account (QG196, QG198, once each).
    const codes = (ds: readonly { code: string }[]) => ds.map((d) => d.code);
    expect(codes(lint(s, NOW))).toEqual(['QG196', 'QG198']); // also warms up the JIT
    const t0 = process.hrtime.bigint();
    const out = lint(s, NOW);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    expect(codes(out)).toEqual(['QG196', 'QG198']);
    expect(ms).toBeLessThan(500);
  });
});
