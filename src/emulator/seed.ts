import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { type SeedDoc, type ServiceEnv, type ServiceModule } from './service';

/** A seed document that cannot be read or applied; the message names the file or section at fault. */
export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

/** Parses seed text (YAML, and therefore JSON too) into a document; `source` names it in errors. */
export function parseSeedText(text: string, source: string): SeedDoc {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new SeedError(`${source}: not valid YAML or JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new SeedError(`${source}: a seed document must be a mapping of sections`);
  return doc as SeedDoc;
}

export function readSeedFile(file: string): SeedDoc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SeedError(`cannot read seed file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseSeedText(text, file);
}

/** Every section some service understands, in service order. */
export const knownSeedSections = (services: readonly ServiceModule[]): string[] => services.flatMap((s) => s.seedSections ?? []);

/**
 * Applies a seed document: unknown sections are rejected before anything changes, then each service
 * seeds its sections in service order (users before groups before policies, so later sections can refer
 * to earlier ones). All or nothing: a failing section restores the state as it was.
 */
export function applySeed(env: ServiceEnv, services: readonly ServiceModule[], doc: SeedDoc, source = 'seed'): void {
  const known = knownSeedSections(services);
  const unknown = Object.keys(doc).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new SeedError(`${source}: unknown section${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')} (known: ${known.join(', ')})`);
  }
  const before = env.store.snapshot();
  try {
    for (const s of services) {
      if (s.seed && (s.seedSections ?? []).some((k) => k in doc)) s.seed(env, doc);
    }
  } catch (e) {
    env.store.restore(before);
    throw new SeedError(`${source}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
