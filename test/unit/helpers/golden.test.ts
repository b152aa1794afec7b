import { join } from 'node:path';
import { expectGolden, UPDATE_GOLDEN } from '../../helpers/golden';

(UPDATE_GOLDEN ? test.skip : test)('a missing golden file fails instead of being written', () => {
  const path = join(__dirname, 'no-such-golden-file.txt');
  expect(() => expectGolden(path, 'anything')).toThrow(/missing.*UPDATE_GOLDEN=1/);
});
