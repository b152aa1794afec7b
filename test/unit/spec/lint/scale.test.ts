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
  // Timing lives in bench/validate.ts (BENCHMARKS.md); a timed assertion here would fail on a busy machine.
  it('a 5,000-project spec: only IAM\'s account limits object', () => {
    // 10,000 access groups and 15,000 policies are beyond one IBM Cloud account (QG196, QG198, once each).
    expect(lint(bigSpec(5000), NOW).map((d) => d.code)).toEqual(['QG196', 'QG198']);
  });
});
