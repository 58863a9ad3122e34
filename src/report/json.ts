import type { GradeResult } from '../result/types';

export function renderJson(result: GradeResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
