import { type Router } from './http';
import { type Store } from './store';

/** Settings every service may read. Fixed for the life of one emulator process. */
export interface EmulatorConfig {
  /** The seeded account (32 hex). */
  readonly accountId: string;
  /** The API key the seeded admin user authenticates with (never logged). */
  readonly apiKey: string;
  /** How long a new resource instance stays `provisioning` before it turns `active`. */
  readonly provisionDelayMs: number;
  /** How long a deleted resource instance stays restorable (`pending_reclamation`) before it is reclaimed. */
  readonly reclamationRetentionMs: number;
  /** How long after a write Global Search answers with the new state (its indexing delay). */
  readonly searchIndexDelayMs: number;
  /** Lifetime of issued access tokens. */
  readonly tokenTtlSeconds: number;
  /** The origin clients reach the emulator at (for hrefs), e.g. `http://127.0.0.1:8080`. */
  readonly baseUrl: () => string;
  /**
   * Strict mode (`--strict`): role CRNs, custom-role actions and policy resource attributes the emulator does
   * not know are refused (400) instead of accepted. Absent: false.
   */
  readonly strict?: boolean;
}

/** What a service module gets: state, config and an injectable clock (tests move time). */
export interface ServiceEnv {
  readonly store: Store;
  readonly config: EmulatorConfig;
  readonly now: () => Date;
}

/**
 * A seed document (`--seed FILE`, `POST /__emulator/seed`): each service reads the sections it owns and
 * ignores the rest; unknown top-level sections are rejected by the seeding code, not here.
 */
export type SeedDoc = Readonly<Record<string, unknown>>;

/**
 * One IBM API emulated under its normal paths (one file per API in `emulator/services/`). Services register
 * routes on the shared router and keep their data in their own store slice.
 */
export interface ServiceModule {
  readonly name: string;
  /** Top-level seed sections this service understands (for validation and docs). */
  readonly seedSections?: readonly string[];
  register(router: Router, env: ServiceEnv): void;
  /** Fills a fresh (or reset) state with the service's defaults. Must be idempotent. */
  init?(env: ServiceEnv): void;
  /** Applies the service's sections of a seed document; throws Error with a clear message on bad input. */
  seed?(env: ServiceEnv, doc: SeedDoc): void;
  /**
   * Called after the state was replaced or seeded outside the API (start-up, a resumed state file, reset, a
   * seed): derived read models that otherwise follow commits (Global Search's index) rebuild here.
   */
  stateReplaced?(env: ServiceEnv): void;
}
