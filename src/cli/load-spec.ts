import { readFile } from 'node:fs/promises';
import { LOADER_CODES } from '../spec/codes';
import { decodeSpec } from '../spec/encoding';
import { type SourceLocation } from '../plan/types';
import { type SpecPath } from '../spec/diag';
import { loadSpec, type ParseResult } from '../spec/load';
import { renderJson as renderDiagnosticsJson } from '../spec/render/json';
import { renderText as renderDiagnostics } from '../spec/render/text';
import { type OrgSpec } from '../spec/types';
import { ExitError } from './errors';
import { ExitCode, type ExitCodeValue } from './exit-codes';
import { paletteFor } from './palette';

/**
 * Loads a spec for a command and keeps the text of every file read, so text diagnostics can quote the
 * offending line. The one place commands read a spec from disk.
 */
export async function loadSpecForCli(
  file: string,
  now: Date,
): Promise<{ readonly result: ParseResult; readonly sources: ReadonlyMap<string, string> }> {
  const sources = new Map<string, string>();
  const result = await loadSpec(file, {
    env: process.env,
    now,
    readFile: async (f) => {
      const bytes = await readFile(f);
      // Quoted lines only from text the loader accepts; a file in another encoding is reported without.
      const decoded = decodeSpec(bytes, f);
      if (decoded.ok) sources.set(f, decoded.text);
      return bytes;
    },
  });
  return { result, sources };
}

/**
 * The exit code for a spec that did not load cleanly: 1 when the file could not be read at all (QG006, an
 * input problem like a wrong path: README's "unreadable file"), else 3 (invalid spec). Every command that
 * loads a spec uses this, so `validate` and `plan` agree.
 */
export function exitCodeForSpec(result: ParseResult): ExitCodeValue {
  if (!result.ok && result.diagnostics.some((d) => d.code === LOADER_CODES.fileUnreadable.code)) return ExitCode.error;
  return ExitCode.invalidSpec;
}

/** A spec a command may work with: lint-clean, with its hash, text, and a way to point at its lines. */
export interface LoadedSpec {
  readonly spec: OrgSpec;
  readonly hash: string;
  /** The file's text as the loader read it ('' when it could not be decoded for quoting). */
  readonly text: string;
  /** `file:line:col` of a path into the spec (its nearest existing ancestor). */
  locate(path: SpecPath): SourceLocation;
}

/**
 * The step every command that needs a spec starts with: load it; on errors print them (the diagnostics
 * document on stdout with `jsonDiagnostics`, else text on stderr) and stop with `exitCodeForSpec`, before any
 * credential is read; print warnings on stderr.
 */
export async function loadSpecOrExit(file: string, now: Date, ui: { readonly color?: boolean; readonly jsonDiagnostics?: boolean } = {}): Promise<LoadedSpec> {
  const { result, sources } = await loadSpecForCli(file, now);
  const palette = paletteFor(process.stderr, { ...(ui.color !== undefined ? { color: ui.color } : {}) });
  if (!result.ok) {
    if (ui.jsonDiagnostics) process.stdout.write(renderDiagnosticsJson(result.diagnostics));
    else process.stderr.write(renderDiagnostics(result.diagnostics, palette, { sources }));
    throw new ExitError(exitCodeForSpec(result));
  }
  if (result.warnings.length > 0) process.stderr.write(renderDiagnostics(result.warnings, palette, { sources }));
  return {
    spec: result.spec,
    hash: result.hash,
    text: sources.get(file) ?? '',
    locate: (path) => {
      const r = result.locate(path);
      return { file: r.file, line: r.start.line, col: r.start.col };
    },
  };
}
