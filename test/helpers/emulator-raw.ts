import { type Emulator } from '../../src/emulator/server';
import { registerApiKey } from '../../src/emulator/services/iam-token';

export type Json = Record<string, unknown>;

/** What a raw request answered: status, parsed JSON body (`{}` when empty) and headers. */
export interface RawReply {
  readonly status: number;
  readonly body: Json;
  readonly headers: Headers;
}

/** An access token for `apikey` from the emulator's token endpoint. */
export async function tokenFor(emu: Emulator, apikey: string = emu.config.apiKey): Promise<string> {
  const res = await fetch(`${emu.url}/identity/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey }).toString(),
  });
  return String(((await res.json()) as Json).access_token);
}

/**
 * A raw HTTP client for what the SDK refuses to send (missing fields, wrong types, bad JSON, missing headers).
 * `token: null` sends no Authorization header; a string body is sent verbatim.
 */
export function rawClient(emu: Emulator, token: string | null) {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RawReply> => {
    const res = await fetch(`${emu.url}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
        'Content-Type': 'application/json',
        Accept: 'application/json',
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Json) : {}, headers: res.headers };
  };
}

/** Registers an API key for a user of another account (32 hex `account`), for cross-account checks. */
export function otherAccountKey(emu: Emulator, account: string, apikey = `other-${account}`): string {
  registerApiKey(emu.env, apikey, { iamId: 'IBMid-6600OTHER1', accountId: account, sub: 'other@example.com', name: 'Other', realm: 'IBMid' });
  return apikey;
}

/** `errors[0]` of an SDK error or raw body in IBM's platform shape. */
export function firstError(e: unknown): Json {
  const body = (e as { result?: Json }).result ?? (e as Json);
  return ((body.errors as Json[] | undefined)?.[0] ?? {}) as Json;
}

/** Awaits an SDK call that must fail; its HTTP status and IBM's first error entry. */
export async function sdkError(p: Promise<unknown>): Promise<{ status: number; error: Json }> {
  try {
    await p;
  } catch (e) {
    return { status: (e as { status: number }).status, error: firstError(e) };
  }
  throw new Error('expected the call to fail');
}
