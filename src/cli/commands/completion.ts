import { Argument, type Command } from 'commander';
import { SHELLS, type Shell } from '../completion';

/**
 * `qgov completion bash|zsh|fish`: prints a completion script generated from the command tree (see
 * docs/packaging.md for installing it). Needs nothing but the program's own definitions.
 */
export function define(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish) for qgov')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action(async (shell: Shell) => {
      const { commandTree, completionScript } = await import('../completion');
      process.stdout.write(completionScript(shell, commandTree(program)));
    });
}
