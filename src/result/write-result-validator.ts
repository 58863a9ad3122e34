import { writeFileSync } from 'node:fs';
import { GENERATED_RESULT_VALIDATOR, resultValidatorSource } from './result-validator';

// Part of `npm run build`: writes dist/src/result/result-validator.generated.js.
writeFileSync(GENERATED_RESULT_VALIDATOR, resultValidatorSource());
