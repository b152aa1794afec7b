import { catalogReader } from './catalog';
import { type CloudSession } from './client';
import { directoryReader } from './directory';
import { accessGroupsReader } from './iam-access-groups';
import { policiesReader } from './iam-policies';
import { type AccountReader } from './ports';
import { resourcesReader } from './resources';

/** The SDK-backed AccountReader of one session (the readers of each IBM service, combined). */
export function sdkAccountReader(s: CloudSession): AccountReader {
  return {
    ...resourcesReader(s),
    ...catalogReader(s),
    ...accessGroupsReader(s),
    ...policiesReader(s),
    ...directoryReader(s),
  };
}
