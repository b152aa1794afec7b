import { validateWorkflow } from '@action-validator/core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { commandTree, type CommandNode } from '../../../src/cli/completion';
import { buildProgram } from '../../../src/cli/main';

const ROOT = join(__dirname, '..', '..', '..');
const FILES = ['examples/ci/github-actions.yml', 'examples/ci/gitlab-ci.yml'] as const;
const text = (f: string): string => readFileSync(join(ROOT, f), 'utf8');

interface Invocation {
  readonly file: string;
  readonly line: number;
  readonly text: string;
  readonly words: readonly string[];
}

/** Every `qgov …` command in the file's scripts (comment lines skipped), cut at the first shell operator. */
function invocations(file: string): Invocation[] {
  const out: Invocation[] = [];
  text(file)
    .split('\n')
    .forEach((raw, i) => {
      const trimmed = raw.trim();
      if (trimmed.startsWith('#') || trimmed.startsWith('//')) return;
      for (const m of raw.matchAll(/(?<![\w@/.$-])qgov[ \t]+([^|;&>)}\n]*)/g)) {
        const words = (m[1] ?? '').trim().split(/\s+/).filter(Boolean);
        out.push({ file, line: i + 1, text: `qgov ${(m[1] ?? '').trim()}`, words });
      }
    });
  return out;
}

/** The command an invocation names and its flags, or why it does not resolve. */
function resolve(root: CommandNode, words: readonly string[]): { node?: CommandNode; missing?: string; flags: string[] } {
  let node = root;
  const flags: string[] = [];
  let positional = false;
  for (const w of words) {
    if (w.startsWith('-')) {
      flags.push(w.split('=')[0] as string);
      continue;
    }
    const sub = positional ? undefined : node.subcommands.find((s) => s.name === w);
    if (sub) node = sub;
    else if (node === root) return { missing: w, flags };
    else positional = true;
  }
  return { node, flags };
}

const root = commandTree(buildProgram());
const globalFlags = root.flags.flatMap((f) => [f.long, f.short]).filter((x): x is string => x !== undefined);
const all = FILES.flatMap(invocations);

describe('CI recipes', () => {
  test.each(FILES)('%s is valid YAML', (f) => {
    const doc = parseDocument(text(f));
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    expect(doc.warnings.map((e) => e.message)).toEqual([]);
  });

  test('the GitHub workflow matches the workflow JSON schema (SchemaStore, via @action-validator/core)', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(validateWorkflow(text('examples/ci/github-actions.yml')).errors).toEqual([]);
      // The validator is not vacuous: an unknown step key is an error.
      expect(validateWorkflow('on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        bogus: 1\n').errors).not.toEqual([]);
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });

  test('the GitHub workflow has the three pipelines and the permissions they need', () => {
    const wf = parseDocument(text('examples/ci/github-actions.yml')).toJS() as {
      on: Record<string, unknown>;
      permissions: Record<string, string>;
      jobs: Record<string, { if: string; permissions: Record<string, string>; concurrency?: { 'cancel-in-progress': boolean } }>;
    };
    expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push', 'schedule', 'workflow_dispatch']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs['pull-request']?.permissions).toMatchObject({ 'security-events': 'write', 'pull-requests': 'write' });
    expect(wf.jobs.apply?.concurrency?.['cancel-in-progress']).toBe(false);
    expect(wf.jobs.drift?.permissions).toMatchObject({ issues: 'write' });
    expect(text('examples/ci/github-actions.yml')).toContain('<!-- qgov-plan -->');
  });

  test('the GitLab pipeline serialises apply and keeps the plan marker', () => {
    const ci = parseDocument(text('examples/ci/gitlab-ci.yml')).toJS() as Record<string, { resource_group?: string; stage?: string }>;
    expect(ci.apply?.resource_group).toBe('qgov-apply');
    expect(['validate', 'assertions', 'plan', 'apply', 'drift'].map((j) => ci[j]?.stage)).toEqual(['check', 'check', 'plan', 'apply', 'drift']);
    expect(text('examples/ci/gitlab-ci.yml')).toContain('<!-- qgov-plan -->');
  });

  test('both files call qgov', () => {
    for (const f of FILES) expect(all.filter((i) => i.file === f).length).toBeGreaterThan(5);
  });

  test.each(all.map((i) => [`${i.file}:${i.line}`, i] as const))('%s: subcommand and flags exist', (_, i) => {
    const r = resolve(root, i.words);
    expect(r.missing).toBeUndefined();
    const known = [...(r.node?.flags ?? []).flatMap((f) => [f.long, f.short]), ...globalFlags];
    for (const f of r.flags) expect(known).toContain(f);
  });
});
