import { verifyJournal } from '../apply/journal';

/**
 * How `qgov evidence` vouches for the apply journal it packs: `apply/journal.ts`'s `verifyJournal` (the hash
 * chain, sequence numbers and sealed tears). A journal that fails is still packed, with the verdict, so the
 * evidence shows what was found rather than hiding it.
 */
export interface JournalVerdict {
  readonly status: 'verified' | 'not verified' | 'failed';
  readonly detail: string;
}

export function checkJournal(bytes: Buffer): JournalVerdict {
  const r = verifyJournal(bytes);
  if (!r.ok) return { status: 'failed', detail: `line ${r.line} (byte ${r.offset}): ${r.code}: ${r.reason}; ${r.entries.length} record(s) verified before it` };
  const extra = [
    ...(r.tears.length > 0 ? [`${r.tears.length} sealed tear(s) from earlier crashes`] : []),
    ...(r.tornTail ? [`${r.tornTail.length} unsealed torn byte(s) at the end`] : []),
  ];
  return { status: 'verified', detail: `${r.records} record(s), hash chain intact${extra.length > 0 ? `; ${extra.join('; ')}` : ''}` };
}
