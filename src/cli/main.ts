import { Command, CommanderError } from 'commander';
import { commandDefiners } from './commands';
import { ExitError, InternalError, UserError } from './errors';
import { ExitCode } from './exit-codes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../package.json') as { version: string };

/** Builds the commander program; exported for tests that inspect flags without running anything. */
export function buildProgram(): Command {
  const program = new Command('qgov')
    .description('Govern who may use IBM Qiskit Runtime (quantum-computing) in an IBM Cloud account, declaratively.')
    .version(pkg.version, '-v, --version', 'print the version')
    .option('--debug', 'print stack traces of unexpected errors')
    .option('--no-color', 'never colour output (NO_COLOR is honoured too)')
    .helpCommand(false)
    .showHelpAfterError()
    .exitOverride();
  for (const define of commandDefiners) define(program);
  // `qgov help sandbox serve`: commander's own help command only goes one level deep.
  program
    .command('help')
    .description('show help for a command, e.g. `qgov help sandbox serve`')
    .argument('[command...]', 'the command (and subcommand)')
    .action((names: string[]) => {
      let cmd: Command = program;
      for (const name of names) {
        const sub = cmd.commands.find((c) => c.name() === name || c.aliases().includes(name));
        if (!sub) {
          process.stderr.write(`qgov: unknown command "${names.join(' ')}" (see qgov --help)\n`);
          throw new ExitError(ExitCode.error);
        }
        cmd = sub;
      }
      cmd.outputHelp();
    });
  return program;
}

/**
 * The only try/catch of the CLI (STYLE P12): maps ExitError / UserError / InternalError / anything else to
 * an exit code. Returns the code instead of calling process.exit so pending output is flushed.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv]);
    return ExitCode.ok;
  } catch (e) {
    if (e instanceof ExitError) return e.code;
    if (e instanceof CommanderError) {
      // --help and --version end with exitCode 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? ExitCode.ok : ExitCode.error;
    }
    if (e instanceof UserError) {
      process.stderr.write(`qgov: ${e.message}\n`);
      return e.code;
    }
    if (e instanceof InternalError) {
      process.stderr.write(
        `qgov: internal error (this is a bug, please report it): ${e.message}\n` +
          `qgov ${pkg.version}, node ${process.version}, ${process.platform}-${process.arch}\n`,
      );
      if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
      return ExitCode.error;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(`qgov: ${err.message}\n`);
    if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
    else process.stderr.write('(run with --debug for details)\n');
    return ExitCode.error;
  }
}
