import { type Command } from 'commander';

/** Raw flags of `qgov sandbox serve`, exactly as commander hands them over (validated by `parseServeOptions`). */
export interface ServeFlags {
  readonly host?: string;
  readonly port?: string;
  readonly state?: string;
  readonly seed?: readonly string[];
  readonly latency?: string;
  readonly rateLimit?: string;
  readonly faults?: string;
  readonly provisionDelay?: string;
  readonly searchDelay?: string;
  readonly reclamationRetention?: string;
  readonly apikey?: string;
  readonly account?: string;
  readonly strict?: boolean;
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

/**
 * `qgov sandbox serve`: runs the IBM Cloud emulator in the foreground until SIGINT/SIGTERM. Prints exactly
 * one line on stdout, `qgov sandbox listening on http://HOST:PORT`.
 */
export function define(program: Command): void {
  const sandbox = program.command('sandbox').description('the local IBM Cloud emulator (IAM, resources, catalog, tagging)');
  sandbox
    .command('serve')
    .description('serve the emulator on 127.0.0.1 until interrupted (see docs/emulator.md)')
    .option('--host <host>', 'address to listen on (loopback unless you mean it)', '127.0.0.1')
    .option('--port <n>', 'port; 0 picks a free one', '8080')
    .option('--state <file>', 'persist state to this JSON file (atomic writes); in memory when absent')
    .option('--seed <file>', 'seed a fresh state from this YAML/JSON file (repeatable)', collect)
    .option('--latency <ms[:jitter]>', 'add latency to every API call')
    .option('--rate-limit <rps>', 'token-bucket rate limit; excess calls get 429 + Retry-After')
    .option('--faults <spec>', 'fault spec, e.g. "rate=0.05:503,reset=0.01,drop=0.02,seed=42"')
    .option('--provision-delay <ms>', 'how long new resource instances stay provisioning', '0')
    .option('--search-delay <ms>', 'Global Search indexing delay: writes show in search results this much later', '3000')
    .option('--reclamation-retention <s>', 'seconds a deleted instance stays restorable before it is reclaimed', '604800')
    .option('--apikey <key>', 'the API key of the sandbox admin (default: $QGOV_SANDBOX_APIKEY or the documented key)')
    .option('--account <id>', 'the account id (32 hex)')
    .option('--strict', 'refuse unknown role CRNs, custom-role actions and policy resource attributes')
    .action(async (flags: ServeFlags) => {
      const { runServe } = await import('./sandbox-run');
      await runServe(flags, process.env);
    });
}
