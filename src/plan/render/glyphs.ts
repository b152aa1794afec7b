import { type Palette } from '../../render/palette';
import { type Action, type Reason } from '../types';

/**
 * How each action looks in text and markdown output: the one `Record<Action, …>` of glyphs (STYLE P1),
 * Terraform's `+ ~ -/+ -` plus qgov's own `<=` (adopt: take over a foreign object) and `@` (invite).
 */
export const ACTION_STYLE: Readonly<Record<Action, { readonly glyph: string; readonly verb: string; readonly colour: keyof Palette }>> = {
  create: { glyph: '+', verb: 'create', colour: 'add' },
  update: { glyph: '~', verb: 'update', colour: 'chg' },
  replace: { glyph: '-/+', verb: 'replace', colour: 'del' },
  delete: { glyph: '-', verb: 'delete', colour: 'del' },
  adopt: { glyph: '<=', verb: 'adopt', colour: 'chg' },
  invite: { glyph: '@', verb: 'invite', colour: 'add' },
};

/** Reasons as short phrases for humans (the plan document keeps the stable codes). */
export const REASON_TEXT: Readonly<Record<Reason, string>> = {
  'added-to-spec': 'new in the spec',
  'removed-from-spec': 'no longer in the spec',
  'spec-changed': 'the spec changed',
  drifted: 'changed outside qgov; restoring the spec',
  'immutable-field': 'cannot change in place',
  'adopt-requested': 'taken over with --adopt',
  'not-in-spec-authoritative': 'not in the spec; owned groups hold only the listed members',
  expired: 'temporary grant expired',
  scheduled: 'scheduled: IAM honours it only from its start time',
  'unresolved-member': 'not yet a user of the account',
};
