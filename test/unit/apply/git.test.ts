import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitHeadCommit, readGitHead } from '../../../src/apply/git';

let dir: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  }).trim();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-git-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('gitHeadCommit', () => {
  it('is undefined outside a work tree and in a repository without commits', async () => {
    expect(await gitHeadCommit(dir)).toBeUndefined();
    expect(await readGitHead(dir)).toBeUndefined();
    git(dir, 'init', '-q');
    expect(await gitHeadCommit(dir)).toBeUndefined();
    expect(await readGitHead(dir)).toBeUndefined();
  });

  it('finds HEAD with git and by reading .git (loose refs, packed refs, subdirectories, linked worktrees)', async () => {
    const repo = join(dir, 'repo');
    mkdirSync(join(repo, 'specs'), { recursive: true });
    git(repo, 'init', '-q');
    writeFileSync(join(repo, 'specs', 'org.yaml'), 'apiVersion: qgov/v1\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'spec');
    const head = git(repo, 'rev-parse', 'HEAD');
    expect(await gitHeadCommit(join(repo, 'specs'))).toBe(head);
    expect(await readGitHead(join(repo, 'specs'))).toBe(head);
    git(repo, 'pack-refs', '--all');
    expect(await readGitHead(repo)).toBe(head);

    const wt = join(dir, 'wt');
    git(repo, 'worktree', 'add', '-q', '-b', 'other', wt);
    writeFileSync(join(wt, 'x'), 'x');
    git(wt, 'add', '.');
    git(wt, 'commit', '-qm', 'other');
    const other = git(wt, 'rev-parse', 'HEAD');
    expect(other).not.toBe(head);
    expect(await gitHeadCommit(wt)).toBe(other);
    expect(await readGitHead(wt)).toBe(other);
  });
});
