import { existsSync } from 'node:fs';
import path from 'node:path';
import { sourcesHash, templateSources, type TemplateName, type TemplateSpecs } from './template-sources';

/**
 * Built next to this file by `npm run build`: the templates precompiled, so a
 * run loads only handlebars' runtime, not its compiler (and the source-map
 * library the compiler pulls in), and compiles nothing.
 */
export const GENERATED_TEMPLATES = path.join(__dirname, 'report-templates.generated.js');

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
