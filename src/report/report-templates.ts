import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { templatesDir } from '../package-info';

/** The tool's own templates (templates/<name>.hbs): the HTML report, its evidence partial, the class report. */
export const TEMPLATE_NAMES = ['report', 'evidence', 'class'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];
export type TemplateSpecs = Record<TemplateName, TemplateSpecification>;

/**
 * Built next to this file by `npm run build`: the templates precompiled, so a
 * run loads only handlebars' runtime, not its compiler (and the source-map
 * library the compiler pulls in), and compiles nothing.
 */
export const GENERATED_TEMPLATES = path.join(__dirname, 'report-templates.generated.js');

export function templateSources(): Record<TemplateName, string> {
  return Object.fromEntries(TEMPLATE_NAMES.map((n) => [n, readFileSync(path.join(templatesDir, `${n}.hbs`), 'utf8')])) as Record<TemplateName, string>;
}

export function sourcesHash(sources: Record<TemplateName, string>): string {
  const hash = createHash('sha256');
  for (const n of TEMPLATE_NAMES) hash.update(n).update('\0').update(sources[n]).update('\0');
  return hash.digest('hex');
}

/** The generated module's specifications when it was built from exactly these sources (same hash); otherwise undefined. */
export function generatedSpecs(sources: Record<TemplateName, string>, generatedFile = GENERATED_TEMPLATES): TemplateSpecs | undefined {
  if (!existsSync(generatedFile)) return undefined;
  const generated = require(generatedFile) as { sourcesHash: string; specs: TemplateSpecs };
  return generated.sourcesHash === sourcesHash(sources) ? generated.specs : undefined;
}

let specs: TemplateSpecs | undefined;

/**
 * The templates' precompiled specifications, for handlebars' runtime: the
 * generated module when it was built from the templates as they are now,
 * otherwise precompiled now — a plain `tsc` rebuild, or ts-jest running the
 * sources, must never show a stale template.
 */
export function templateSpecs(): TemplateSpecs {
  if (!specs) {
    const sources = templateSources();
    specs = generatedSpecs(sources) ?? (require('./template-precompiler') as typeof import('./template-precompiler')).precompiledNow(sources);
  }
  return specs;
}
