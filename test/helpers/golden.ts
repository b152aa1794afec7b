import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** True when golden files may be (re)written: `UPDATE_GOLDEN=1`, never by default. */
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/**
 * Compares `actual` with the golden file at `path`. A missing golden file fails the test (it would otherwise
 * record whatever the code prints today and pass); with `UPDATE_GOLDEN=1` the file is written first, and the
 * diff is for the author to review.
 */
export function expectGolden(path: string, actual: string): void {
  if (UPDATE_GOLDEN) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  if (!existsSync(path)) {
    throw new Error(`golden file ${path} is missing; run the test with UPDATE_GOLDEN=1 to create it, then review it`);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
