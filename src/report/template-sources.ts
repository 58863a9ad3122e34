import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { templatesDir } from '../package/package-info';

/** The tool's own templates (templates/<name>.hbs): the HTML report, its evidence partial, the class report. */
export const TEMPLATE_NAMES = ['report', 'evidence', 'class'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export type TemplateSpecs = Record<TemplateName, TemplateSpecification>;

export function templateSources(): Record<TemplateName, string> {
  return Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, readFileSync(path.join(templatesDir, `${n}.hbs`), 'utf8')])) as Record<TemplateName, string>;
}

export function sourcesHash(sources: Record<TemplateName, string>): string {
  const hash = createHash('sha256');
  for (const n of TEMPLATE_NAMES) hash.update(n).update('\0').update(sources[n]).update('\0');
  return hash.digest('hex');
}
