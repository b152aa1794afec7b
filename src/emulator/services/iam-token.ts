import { randomBytes } from 'node:crypto';
import { ApiError, type Req, type Reply } from '../http';
import { signJwt } from '../jwt';
import { coreSlice } from '../core';
import { type ServiceEnv, type ServiceModule } from '../service';
import { uuid } from '../util';

/** Who an API key or refresh token authenticates as. */
export interface KeyOwner {
  readonly iamId: string;
  readonly accountId: string;
  /** Login (users) or `ServiceId-…` (service IDs). */
  readonly sub: string;
  readonly name: string;
  readonly realm: 'IBMid' | 'iam';
  /** The IAM Identity API key record (`ApiKey-…`) this value belongs to, for its `activity`. */
  readonly keyId?: string;
  /** RFC 3339; the key stops authenticating at this instant. */
  readonly expiresAt?: string;
}

/** Authentication activity of one API key record, as IAM Identity's `activity` reports it. */
export interface KeyUsage {
  last_authn: string;
  authn_count: number;
}

interface TokenSlice {
  /** API key value → owner. Other services (IAM Identity) add keys through `registerApiKey`. */
  keys: Record<string, KeyOwner>;
  /** Refresh token → owner; single-use is not enforced (IBM's refresh tokens are reusable until expiry). */
  refresh: Record<string, KeyOwner>;
  /** API key id → usage; optional because states written before it existed lack it. */
  usage?: Record<string, KeyUsage>;
}

/** The seeded administrator the sandbox API key belongs to (the account owner). */
export const ADMIN_IAM_ID = 'IBMid-6600QGOV01';
export const ADMIN_EMAIL = 'admin@example.com';

export const tokenSlice = (env: ServiceEnv): TokenSlice => env.store.slice<TokenSlice>('iam_token', () => ({ keys: {}, refresh: {} }));

/** Makes `apikey` authenticate as `owner` (IAM Identity's API-key create uses this). */
export function registerApiKey(env: ServiceEnv, apikey: string, owner: KeyOwner): void {
  tokenSlice(env).keys[apikey] = owner;
}

/** How often and when the API key record `keyId` last obtained a token (undefined: never). */
export function apiKeyUsage(env: ServiceEnv, keyId: string): KeyUsage | undefined {
  return tokenSlice(env).usage?.[keyId];
}

export function revokeApiKey(env: ServiceEnv, apikey: string): void {
  delete tokenSlice(env).keys[apikey];
}

const identityError = (status: number, code: string, messageCode: string, message: string): ApiError =>
  new ApiError(status, code, message, { flavor: 'identity', messageCode });

function issue(env: ServiceEnv, owner: KeyOwner, grantType: string): Reply {
  const iat = Math.floor(env.now().getTime() / 1000);
  const exp = iat + env.config.tokenTtlSeconds;
  const identifier = owner.iamId.replace(/^iam-/, '');
  const payload: Record<string, unknown> = {
    iam_id: owner.iamId,
    id: owner.iamId,
    realmid: owner.realm,
    jti: uuid(),
    identifier,
    sub: owner.sub,
    sub_type: owner.realm === 'iam' ? 'ServiceId' : 'User',
    name: owner.name,
    account: { valid: true, bss: owner.accountId, frozen: false },
    iat,
    exp,
    iss: 'https://iam.cloud.ibm.com/identity',
    grant_type: grantType,
    scope: 'ibm openid',
    client_id: 'default',
    acr: 1,
    amr: ['pwd'],
  };
  if (owner.realm === 'IBMid') payload.email = owner.sub;
  const refreshToken = randomBytes(24).toString('base64url');
  tokenSlice(env).refresh[refreshToken] = owner;
  return {
    status: 200,
    body: {
      access_token: signJwt(payload, coreSlice(env.store).tokenSecret),
      refresh_token: refreshToken,
      token_type: 'Bearer',
      expires_in: env.config.tokenTtlSeconds,
      expiration: exp,
      scope: 'ibm openid',
    },
  };
}

function token(env: ServiceEnv, req: Req): Reply {
  const form = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
  const grant = typeof form.grant_type === 'string' ? form.grant_type : '';
  if (grant === 'urn:ibm:params:oauth:grant-type:apikey') {
    const key = typeof form.apikey === 'string' ? form.apikey : '';
    if (!key) throw identityError(400, 'BXNIM0109E', 'BXNIM0109E', 'Property missing or empty. Property name: apikey.');
    const owner = tokenSlice(env).keys[key];
    if (!owner) throw identityError(400, 'BXNIM0415E', 'BXNIM0415E', 'Provided API key could not be found.');
    if (owner.expiresAt !== undefined && Date.parse(owner.expiresAt) <= env.now().getTime()) {
      throw identityError(400, 'BXNIM0418E', 'BXNIM0418E', 'Provided API key is expired.');
    }
    if (owner.keyId !== undefined) {
      // Recorded for IAM Identity's `activity` / `last_authn` (API keys, service IDs, inactivity reports).
      const slice = tokenSlice(env);
      const usage = (slice.usage ??= {});
      const u = (usage[owner.keyId] ??= { last_authn: '', authn_count: 0 });
      u.last_authn = env.now().toISOString();
      u.authn_count++;
    }
    return issue(env, owner, grant);
  }
  if (grant === 'refresh_token') {
    const rt = typeof form.refresh_token === 'string' ? form.refresh_token : '';
    const owner = tokenSlice(env).refresh[rt];
    if (!owner) throw identityError(400, 'BXNIM0407E', 'BXNIM0407E', 'Provided refresh token is invalid.');
    return issue(env, owner, grant);
  }
  throw identityError(400, 'BXNIM0103E', 'BXNIM0103E', `Unsupported grant type '${grant || '(missing)'}'.`);
}

/** IAM token service: `POST /identity/token` (API-key and refresh-token grants). */
export const iamToken: ServiceModule = {
  name: 'iam-token',
  register(router, env) {
    router.add({ method: 'POST', pattern: '/identity/token', auth: false, mutates: true, handler: (req) => token(env, req) });
  },
  init(env) {
    registerApiKey(env, env.config.apiKey, {
      iamId: ADMIN_IAM_ID,
      accountId: env.config.accountId,
      sub: ADMIN_EMAIL,
      name: 'Sandbox Admin',
      realm: 'IBMid',
    });
  },
};
