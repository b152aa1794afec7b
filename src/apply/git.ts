import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/**
 * The commit the spec was applied from, for the journal's `run-start` record. Runs `git rev-parse` through
 * `execFile` (no shell: the directory is an argument, never part of a command line); when git is not
 * installed, reads `.git` itself (work trees, linked worktrees, loose and packed refs). Undefined outside a
 * git work tree, in a repository without commits, or on any error: the commit is helpful, never required.
 */
export async function gitHeadCommit(cwd: string): Promise<string | undefined> {
  const viaGit = await new Promise<string | undefined | 'no-git'>((done) => {
    execFile('git', ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd, timeout: 5000, windowsHide: true }, (err, stdout) => {
      if (err) return done((err as { code?: unknown }).code === 'ENOENT' ? 'no-git' : undefined);
      const out = stdout.trim();
      done(COMMIT_RE.test(out) ? out : undefined);
    });
  });
  if (viaGit !== 'no-git') return viaGit;
  return readGitHead(resolve(cwd)).catch(() => undefined);
}

/** SHA-1 or SHA-256 object names. */
const COMMIT_RE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** `.git` read directly (what `gitHeadCommit` falls back to without git); exported for tests. */
export async function readGitHead(cwd: string): Promise<string | undefined> {
  const gitDir = await findGitDir(cwd);
  if (!gitDir) return undefined;
  const common = await readFile(join(gitDir, 'commondir'), 'utf8').then(
    (c) => resolve(gitDir, c.trim()),
    () => gitDir,
  );
  let head = (await readFile(join(gitDir, 'HEAD'), 'utf8')).trim();
  for (let hops = 0; hops < 5 && head.startsWith('ref: '); hops++) {
    const ref = head.slice('ref: '.length).trim();
    if (!/^refs\/[A-Za-z0-9._/-]+$/.test(ref) || ref.includes('..')) return undefined;
    const loose = await readFile(join(gitDir, ref), 'utf8')
      .catch(() => readFile(join(common, ref), 'utf8'))
      .catch(() => undefined);
    head = loose !== undefined ? loose.trim() : ((await packedRef(common, ref)) ?? '');
  }
  return COMMIT_RE.test(head) ? head : undefined;
}

async function packedRef(common: string, ref: string): Promise<string | undefined> {
  const text = await readFile(join(common, 'packed-refs'), 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    const [hash, name] = line.trim().split(' ');
    if (name === ref && hash) return hash;
  }
  return undefined;
}

/** The `.git` directory for `cwd`: a `.git` folder, or the `gitdir:` a `.git` file names, searching upwards. */
async function findGitDir(cwd: string): Promise<string | undefined> {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    const st = await stat(dotGit).catch(() => undefined);
    if (st?.isDirectory()) return dotGit;
    if (st?.isFile()) {
      const m = /^gitdir:\s*(.+)$/m.exec(await readFile(dotGit, 'utf8'));
      if (!m) return undefined;
      const target = (m[1] as string).trim();
      return isAbsolute(target) ? target : resolve(dir, target);
    }
    if (dirname(dir) === dir) return undefined;
  }
}
