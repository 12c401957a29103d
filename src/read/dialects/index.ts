// Every dialect the readers know, in no particular order (detection scores decide).

import { axolotlDialect } from './axolotl';
import { gptNeoxDialect } from './gptNeox';
import { hfConfigDialect } from './hfConfig';
import { litgptDialect } from './litgpt';
import { llmFoundryDialect } from './llmFoundry';
import { nemoDialect } from './nemo';
import { olmoDialect } from './olmo';
import { planDialect } from './plan';
import type { Dialect } from './registry';
import { torchtuneDialect } from './torchtune';

export const DIALECTS: Dialect[] = [
  planDialect,
  gptNeoxDialect,
  olmoDialect,
  llmFoundryDialect,
  nemoDialect,
  torchtuneDialect,
  axolotlDialect,
  litgptDialect,
  hfConfigDialect,
];
