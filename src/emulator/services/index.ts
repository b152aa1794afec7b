import { type ServiceModule } from '../service';

/** Every emulated IBM API; each module registers its own routes and owns its store slice. */
export const services: readonly ServiceModule[] = [
];
