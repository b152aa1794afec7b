import { randomBytes } from 'node:crypto';
import { type Store } from './store';

interface CoreSlice {
  tokenSecret: string;
}

/** The token signing secret lives in the store, so a restarted emulator still accepts the tokens it issued. */
export const coreSlice = (store: Store): CoreSlice =>
  store.slice<CoreSlice>('core', () => ({ tokenSecret: randomBytes(32).toString('hex') }));
