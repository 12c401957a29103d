// Every dialect the readers know, in no particular order (detection scores decide).

import { planDialect } from './plan';
import type { Dialect } from './registry';

export const DIALECTS: Dialect[] = [planDialect];
