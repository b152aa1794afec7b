import { type ServiceEnv } from '../service';

/** User states of User Management; `PROCESSING`/`PENDING` are system states a PATCH may not set. */
export type UserState = 'PROCESSING' | 'PENDING' | 'ACTIVE' | 'VPN_ONLY' | 'DISABLED_CLASSIC_INFRASTRUCTURE';

/** A user's console settings (`/users/{iam_id}/settings`); all strings default to ''. */
export interface UserSettingsRec {
  language: string;
  notification_language: string;
  allowed_ip_addresses: string;
  self_manage: boolean;
}

/**
 * A user of the account, stored in User Management's `UserProfile` shape plus `settings`. Invariant:
 * `email` keeps the capitalisation it was invited or seeded with (IBM does too), so every lookup by e-mail
 * compares case-insensitively.
 */
export interface UserRec {
  id: string;
  iam_id: string;
  realm: string;
  user_id: string;
  firstname: string;
  lastname: string;
  state: UserState;
  email: string;
  phonenumber: string;
  altphonenumber: string;
  photo: string;
  account_id: string;
  added_on: string;
  settings: UserSettingsRec;
}

/** Users by iam_id (one account per user in the emulator; insertion order is the list order). */
export interface UsersSlice {
  users: Record<string, UserRec>;
  /** Set once the sample users went in, so deleting one is not undone by the next start. */
  defaults_applied?: boolean;
}

export const usersSlice = (env: ServiceEnv): UsersSlice => env.store.slice<UsersSlice>('user_management', () => ({ users: {} }));

/** The user `iamId` of `accountId` (any account when omitted), or undefined. */
export function findUser(env: ServiceEnv, iamId: string, accountId?: string): UserRec | undefined {
  const u = usersSlice(env).users[iamId];
  return u && (accountId === undefined || u.account_id === accountId) ? u : undefined;
}

/** The user of `accountId` whose e-mail equals `email` ignoring case, or undefined. */
export function findUserByEmail(env: ServiceEnv, accountId: string, email: string): UserRec | undefined {
  const want = email.toLowerCase();
  return Object.values(usersSlice(env).users).find((u) => u.account_id === accountId && u.email.toLowerCase() === want);
}

/** A display name the way IBM's verbose listings show it: first and last name, else the e-mail. */
export const userDisplayName = (u: UserRec): string => `${u.firstname} ${u.lastname}`.trim() || u.email;
