import { plainPalette } from '../../render/palette';
import { renderJson } from '../../spec/render/json';
import { docsBaseFrom, renderSarif } from '../../spec/render/sarif';
import { renderText } from '../../spec/render/text';
import { ExitError, UserError } from '../errors';
import { exitCodeForSpec, loadSpecForCli } from '../load-spec';
import { ExitCode } from '../exit-codes';
import { checkOutputPath, writeOutput } from '../output-file';
import { paletteFor } from '../palette';
import { display } from '../../render/display';
import { type ValidateFormat } from './validate';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { version: string; homepage?: string };

export interface ValidateOptions {
  readonly strict: boolean;
  readonly format: ValidateFormat;
  readonly color: boolean;
  /** `--out`: a file (its directory must exist) or `-` for stdout. */
  readonly out?: string;
  /** `--docs-url`: absolute URL of `docs/`, for SARIF `helpUri`. */
  readonly docsUrl?: string;
}

/**
 * Read → load (pure core) → write (STYLE P12). Text diagnostics go to stderr and the one-line verdict to
 * stdout; json and sarif go to stdout only, so they can be piped; `--out` sends the whole report to a file
 * (or, with `-`, all of it to stdout). Ends with ExitError(3) when invalid, ExitError(1) when the file
 * cannot be read (QG006) — an input problem, not an invalid spec.
 */
export async function runValidate(file: string, opts: ValidateOptions): Promise<void> {
  if (opts.out !== undefined) await checkOutputPath(opts.out);
  let docsBaseUri: string | undefined;
  try {
    docsBaseUri = docsBaseFrom(opts.docsUrl ?? process.env.QGOV_DOCS_URL, pkg.homepage);
  } catch (e) {
    throw new UserError(`--docs-url / QGOV_DOCS_URL: ${e instanceof Error ? e.message : String(e)}`, ExitCode.error);
  }
  const { result, sources } = await loadSpecForCli(file, new Date());
  const diags = result.ok ? result.warnings : result.diagnostics;
  const invalid = !result.ok || (opts.strict && diags.length > 0);
  const toFile = opts.out !== undefined;

  switch (opts.format) {
    case 'json':
      await writeOutput(opts.out, renderJson(diags, { strict: opts.strict }));
      break;
    case 'sarif':
      await writeOutput(opts.out, renderSarif(diags, { toolVersion: pkg.version, ...(docsBaseUri !== undefined ? { docsBaseUri } : {}) }));
      break;
    case 'text': {
      const palette = toFile ? plainPalette : paletteFor(process.stderr, { color: opts.color });
      const report = diags.length > 0 ? renderText(diags, palette, { sources }) : '';
      let verdict = '';
      if (result.ok && !invalid) {
        const s = result.spec;
        const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
        verdict =
          `${display(file)}: valid (${count(Object.keys(s.projects).length, 'project')}, ${count(Object.keys(s.instances).length, 'instance')}, ` +
          `${count(Object.keys(s.groups).length, 'group')})\n`;
      }
      const strictNote = result.ok && invalid ? `${display(file)}: invalid under --strict (warnings count as errors)\n` : '';
      if (toFile) await writeOutput(opts.out, report + strictNote + verdict);
      else {
        if (report) process.stderr.write(report);
        if (strictNote) process.stderr.write(strictNote);
        if (verdict) process.stdout.write(verdict);
      }
      break;
    }
  }
  if (invalid) throw new ExitError(exitCodeForSpec(result));
}
