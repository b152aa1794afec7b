import { evaluateAssertions } from '../../access/assertions';
import { toTestDocument } from '../../render/access/test-json';
import { renderJunit } from '../../render/access/test-junit';
import { renderTestText } from '../../render/access/test-text';
import { accessSourceProblems, loadAccessModel } from '../access-source';
import { ExitError, UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { paletteFor } from '../palette';
import { type TestFlags } from './test';

/**
 * read (spec, and the account with --live) → evaluate (pure) → write (STYLE P12). Exit codes: 3 invalid spec,
 * 1 cloud error, 5 when an assertion fails or cannot be read, else 0 (also when the spec has none).
 */
export async function runTest(file: string, flags: TestFlags, ui: { color: boolean }): Promise<void> {
  const problems = accessSourceProblems(flags);
  if (problems.length > 0) throw new UserError(problems.join('; '));
  const now = new Date();
  const live = flags.live === true;
  const { spec, model } = await loadAccessModel(
    file,
    {
      live,
      sandbox: flags.sandbox === true,
      ...(flags.sandboxState !== undefined ? { sandboxState: flags.sandboxState } : {}),
      jsonDiagnostics: flags.format !== 'text',
      color: ui.color,
      whoOf: (s) => (s.assertions ?? []).flatMap((a) => [a.who, ...(a.except ?? [])]),
    },
    now,
  );
  const results = evaluateAssertions(model, spec.assertions ?? [], now);
  const source = live ? (flags.sandbox ? 'the sandbox account' : `account ${spec.account.id}`) : file;
  switch (flags.format) {
    case 'json':
      process.stdout.write(`${JSON.stringify(toTestDocument(results, { source: live ? 'live' : 'spec', evaluatedAt: now.toISOString() }), null, 2)}\n`);
      break;
    case 'junit':
      process.stdout.write(renderJunit(results, { source: live ? 'live' : 'spec', timestamp: now.toISOString().replace(/\.\d+Z$/, 'Z') }));
      break;
    case 'text':
      if (results.length === 0) process.stdout.write(`${file}: no assertions to check\n`);
      else process.stdout.write(renderTestText(results, paletteFor(process.stdout, { color: ui.color }), source));
      break;
  }
  if (results.some((r) => r.status === 'fail' || r.status === 'error')) throw new ExitError(ExitCode.refused);
}
