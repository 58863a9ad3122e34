import { writeFileSync } from 'node:fs';
import { exerciseValidatorSource, GENERATED_VALIDATOR } from './exercise-validator';

// Part of `npm run build`: writes dist/src/exercise/exercise-validator.generated.js.
writeFileSync(GENERATED_VALIDATOR, exerciseValidatorSource());
