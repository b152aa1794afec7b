import { renderJson } from '../../spec/render/json';
import { renderSarif } from '../../spec/render/sarif';
import { renderText } from '../../spec/render/text';
import { ExitError } from '../errors';
import { loadSpecForCli } from '../load-spec';
import { ExitCode } from '../exit-codes';
import { paletteFor } from '../palette';
import { type ValidateFormat } from './validate';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { version: string };

export interface ValidateOptions {
  readonly strict: boolean;
  readonly format: ValidateFormat;
  readonly color: boolean;
}

/**
 * Read → load (pure core) → write (STYLE P12). Text diagnostics go to stderr and the one-line verdict to
 * stdout; json and sarif go to stdout only, so they can be piped. Ends with ExitError(3) when invalid.
 */
export async function runValidate(file: string, opts: ValidateOptions): Promise<void> {
  const { result, sources } = await loadSpecForCli(file, new Date());
  const diags = result.ok ? result.warnings : result.diagnostics;
  const invalid = !result.ok || (opts.strict && diags.length > 0);

  switch (opts.format) {
    case 'json':
      process.stdout.write(renderJson(diags, { strict: opts.strict }));
      break;
    case 'sarif':
      process.stdout.write(renderSarif(diags, { toolVersion: pkg.version }));
      break;
    case 'text': {
      if (diags.length > 0) process.stderr.write(renderText(diags, paletteFor(process.stderr, { color: opts.color }), { sources }));
      if (result.ok && !invalid) {
        const s = result.spec;
        const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
        process.stdout.write(
          `${file}: valid (${count(Object.keys(s.projects).length, 'project')}, ${count(Object.keys(s.instances).length, 'instance')}, ` +
            `${count(Object.keys(s.groups).length, 'group')})\n`,
        );
      } else if (result.ok) {
        process.stderr.write(`${file}: invalid under --strict (warnings count as errors)\n`);
      }
      break;
    }
  }
  if (invalid) throw new ExitError(ExitCode.invalidSpec);
}
