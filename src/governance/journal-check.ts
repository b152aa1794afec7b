/**
 * How `qgov evidence` vouches for the apply journal it packs. The seam for `apply/journal.ts`'s
 * `verifyJournal` (being written elsewhere): until it is on main, a present journal is included as is and
 * recorded as "not verified"; connecting it means returning its verdict here, nothing else changes.
 */
export interface JournalVerdict {
  readonly status: 'verified' | 'not verified' | 'failed';
  readonly detail: string;
}

export function checkJournal(bytes: Buffer): JournalVerdict {
  const lines = bytes.toString('utf8').split('\n').filter((l) => l.trim() !== '').length;
  return { status: 'not verified', detail: `${lines} record(s) included as is; this build has no journal verifier (apply/journal.ts verifyJournal)` };
}
