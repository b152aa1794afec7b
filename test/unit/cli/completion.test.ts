import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allCommands, commandTree, completionScript, SHELLS, type Shell } from '../../../src/cli/completion';
import { buildProgram } from '../../../src/cli/main';

const tree = commandTree(buildProgram());
const nodes = allCommands(tree);
const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-completion-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('completion scripts', () => {
  test('the tree has every command of the program, and no hidden flag', () => {
    expect(nodes.map((n) => n.path.join(' '))).toEqual(expect.arrayContaining(['', 'validate', 'plan', 'sandbox', 'sandbox serve', 'terraform', 'completion']));
    expect(nodes.find((n) => n.name === 'plan')?.flags.map((f) => f.long)).not.toContain('--concurrency');
  });

  test.each(SHELLS)('%s: every command and every visible flag appears', (shell: Shell) => {
    const script = completionScript(shell, tree);
    for (const n of nodes) {
      if (n.path.length > 0) expect(script).toContain(n.name);
      for (const f of n.flags) {
        const long = f.long ?? '';
        // fish writes `-l format`, the others `--format`.
        expect(script).toContain(shell === 'fish' ? `-l ${long.replace(/^--/, '')}` : long);
        for (const c of f.choices ?? []) expect(script).toContain(c);
      }
    }
  });

  test('bash: parses, and completes commands, flags and per-command choices', () => {
    const file = join(dir, 'qgov.bash');
    writeFileSync(file, completionScript('bash', tree));
    execFileSync('bash', ['-n', file]);
    const complete = (...words: string[]): string[] => {
      const driver = `source ${JSON.stringify(file)}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _qgov; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['-c', driver], { cwd: dir, encoding: 'utf8' }).split('\n').filter(Boolean);
    };
    expect(complete('qgov', '')).toEqual(tree.subcommands.map((s) => s.name));
    expect(complete('qgov', 'plan', '--format', '')).toEqual(['text', 'json', 'markdown']);
    expect(complete('qgov', 'validate', '--format', '')).toEqual(['text', 'json', 'sarif']);
    expect(complete('qgov', 'sandbox', '')).toEqual(['serve']);
    expect(complete('qgov', 'sandbox', 'serve', '--p')).toEqual(['--port', '--provision-delay']);
    expect(complete('qgov', '--debug', 'terraform', '--out', 'x.tf', '--i')).toEqual(['--import']);
    expect(complete('qgov', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
  });

  const optional = (['zsh', 'fish'] as const).filter(has);
  // zsh and fish are not on every CI machine; where present, their own parsers check the scripts.
  if (optional.length > 0) {
    test.each(optional)('%s -n accepts the script', (shell) => {
      const file = join(dir, `qgov.${shell}`);
      writeFileSync(file, completionScript(shell, tree));
      expect(spawnSync(shell, ['-n', file], { encoding: 'utf8' }).stderr).toBe('');
    });
  }

  test('descriptions with quotes and brackets cannot break out of the scripts', () => {
    const hostile = { ...tree, subcommands: [{ ...tree.subcommands[0]!, description: `it's [weird]: "x" \\ $(rm -rf /)` }] };
    const bash = join(dir, 'h.bash');
    writeFileSync(bash, completionScript('bash', hostile));
    execFileSync('bash', ['-n', bash]);
    for (const shell of optional) {
      const file = join(dir, `h.${shell}`);
      writeFileSync(file, completionScript(shell, hostile));
      expect(spawnSync(shell, ['-n', file], { encoding: 'utf8' }).stderr).toBe('');
    }
    expect(completionScript('fish', hostile)).toContain("-d 'it\\'s [weird]: \"x\" \\\\ $(rm -rf /)'");
  });
});
