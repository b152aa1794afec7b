import { FULL } from './harness';

/**
 * The bigger run of the access differential (issue #17): qgov's live evaluation against the emulator's own
 * authorization on more generated accounts and another seed than the normal suite's fixed 12 runs.
 */
process.env.QGOV_DIFF_SEED ??= '7';
process.env.QGOV_DIFF_RUNS ??= FULL ? '200' : '40';
jest.setTimeout(FULL ? 1_800_000 : 600_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../property/access-vs-emulator.test');
