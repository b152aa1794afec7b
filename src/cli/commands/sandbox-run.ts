import { isIP } from 'node:net';
import { DEFAULT_ACCOUNT_ID, DEFAULT_API_KEY, startEmulator, type EmulatorOptions } from '../../emulator/server';
import { FaultSpecError, NO_FAULTS, parseFaultSpec, parseLatency, type FaultConfig } from '../../emulator/faults';
import { readSeedFile, SeedError } from '../../emulator/seed';
import { StateFileError, StatePersistError } from '../../emulator/store';
import { type SeedDoc } from '../../emulator/service';
import { UserError } from '../errors';
import { type ServeFlags } from './sandbox';

/** Validated settings of `qgov sandbox serve` (seed files not yet read). */
export interface ServeOptions {
  readonly host: string;
  readonly port: number;
  readonly stateFile?: string;
  readonly seedFiles: readonly string[];
  readonly faults: FaultConfig;
  readonly provisionDelayMs: number;
  readonly searchIndexDelayMs: number;
  readonly reclamationRetentionMs: number;
  readonly apiKey: string;
  readonly accountId: string;
  readonly strict: boolean;
}

/** Loopback listen addresses: `localhost`, 127.0.0.0/8, `::1` (and its IPv4-mapped forms). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const intIn = (raw: string, min: number, max: number): number | undefined => {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/**
 * Flags + environment → options, or every problem at once (pure; STYLE P10). `QGOV_SANDBOX_APIKEY` sets
 * the key unless `--apikey` does.
 */
export function parseServeOptions(
  flags: ServeFlags,
  env: Readonly<Record<string, string | undefined>>,
): { ok: true; options: ServeOptions } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const host = flags.host ?? '127.0.0.1';
  if (host !== 'localhost' && isIP(host) === 0) errors.push(`--host: '${host}' is not an IP address`);
  const port = intIn(flags.port ?? '8080', 0, 65535);
  if (port === undefined) errors.push(`--port: '${flags.port}' must be an integer between 0 and 65535`);
  const delay = intIn(flags.provisionDelay ?? '0', 0, 86_400_000);
  if (delay === undefined) errors.push(`--provision-delay: '${flags.provisionDelay}' must be a whole number of milliseconds`);
  const searchDelay = intIn(flags.searchDelay ?? '3000', 0, 86_400_000);
  if (searchDelay === undefined) errors.push(`--search-delay: '${flags.searchDelay}' must be a whole number of milliseconds`);
  const retention = intIn(flags.reclamationRetention ?? '604800', 0, 366 * 86_400);
  if (retention === undefined) errors.push(`--reclamation-retention: '${flags.reclamationRetention}' must be a whole number of seconds (at most a year)`);
  const apiKey = flags.apikey ?? env.QGOV_SANDBOX_APIKEY ?? DEFAULT_API_KEY;
  if (apiKey.length < 20 || /^[{}"]|[{}"]$/.test(apiKey)) {
    errors.push('--apikey / QGOV_SANDBOX_APIKEY: the key must be at least 20 characters and not start or end with {, } or "');
  }
  if (!isLoopbackHost(host) && apiKey === DEFAULT_API_KEY) {
    errors.push(
      `--host: listening on '${host}' (beyond loopback) with the documented default API key is refused: anyone who can reach it would be the account owner. Pass --apikey with a key of your own (the /__emulator hooks stay loopback-only either way).`,
    );
  }
  const accountId = flags.account ?? DEFAULT_ACCOUNT_ID;
  if (!/^[0-9a-f]{32}$/.test(accountId)) errors.push(`--account: '${accountId}' must be 32 lower-case hex digits`);
  let faults: FaultConfig = NO_FAULTS;
  try {
    faults = parseFaultSpec(flags.faults ?? '');
  } catch (e) {
    errors.push(`--faults: ${e instanceof FaultSpecError ? e.message : String(e)}`);
  }
  if (flags.latency !== undefined) {
    try {
      faults = { ...faults, ...parseLatency(flags.latency) };
    } catch (e) {
      errors.push(`--latency: ${e instanceof FaultSpecError ? e.message : String(e)}`);
    }
  }
  if (flags.rateLimit !== undefined) {
    const rps = Number(flags.rateLimit);
    if (!Number.isFinite(rps) || rps <= 0) errors.push(`--rate-limit: '${flags.rateLimit}' must be a positive number of requests per second`);
    else faults = { ...faults, rateLimit: { rps, burst: Math.max(1, Math.ceil(rps)) } };
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: {
      host,
      port: port as number,
      ...(flags.state !== undefined ? { stateFile: flags.state } : {}),
      seedFiles: flags.seed ?? [],
      faults,
      provisionDelayMs: delay as number,
      searchIndexDelayMs: searchDelay as number,
      reclamationRetentionMs: (retention as number) * 1000,
      apiKey,
      accountId,
      strict: flags.strict === true,
    },
  };
}

/** Resolves on the first SIGINT or SIGTERM, then stops listening for them. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals): void => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/** Read flags → start the emulator → print the one line → serve until a signal → close. */
export async function runServe(
  flags: ServeFlags,
  env: Readonly<Record<string, string | undefined>>,
  stop: () => Promise<unknown> = untilSignal,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<void> {
  const parsed = parseServeOptions(flags, env);
  if (!parsed.ok) throw new UserError(parsed.errors.join('\n'));
  const o = parsed.options;
  let seeds: SeedDoc[];
  try {
    seeds = o.seedFiles.map(readSeedFile);
  } catch (e) {
    throw new UserError(e instanceof SeedError ? e.message : String(e));
  }
  const opts: EmulatorOptions = {
    host: o.host,
    port: o.port,
    ...(o.stateFile !== undefined ? { stateFile: o.stateFile } : {}),
    accountId: o.accountId,
    apiKey: o.apiKey,
    provisionDelayMs: o.provisionDelayMs,
    searchIndexDelayMs: o.searchIndexDelayMs,
    reclamationRetentionMs: o.reclamationRetentionMs,
    faults: o.faults,
    seeds,
    strict: o.strict,
  };
  let emu;
  try {
    emu = await startEmulator(opts);
  } catch (e) {
    if (e instanceof StateFileError || e instanceof StatePersistError || e instanceof SeedError) throw new UserError(e.message);
    const code = (e as { code?: unknown }).code;
    if (code === 'EADDRINUSE') throw new UserError(`port ${o.port} on ${o.host} is in use (pick another with --port, or --port 0)`);
    if (code === 'EADDRNOTAVAIL' || code === 'EACCES') throw new UserError(`cannot listen on ${o.host}:${o.port} (${String(code)})`);
    throw e;
  }
  if (emu.resumed && seeds.length > 0) {
    process.stderr.write(`qgov sandbox: resumed ${o.stateFile}; --seed applies to fresh states only and was not applied\n`);
  }
  // Listen for signals before announcing the URL: a supervisor may send SIGTERM as soon as it reads the line.
  const stopping = stop();
  out(`qgov sandbox listening on ${emu.url}`);
  await stopping;
  await emu.close();
}
