import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatedSpecs } from './report-templates';
import { TEMPLATE_NAMES, templateSources, type TemplateSpecs } from './template-sources';
import { precompiledNow, templatesModuleSource } from './template-precompiler';

const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-templates-'));
const generatedFile = path.join(dir, 'report-templates.generated.js');
const sources = templateSources();
writeFileSync(generatedFile, templatesModuleSource(sources));

/** A specification as text, its functions by their source: two precompilations of one template compare equal. */
const specText = (specs: TemplateSpecs) => JSON.stringify(specs, (_key, value: unknown) => (typeof value === 'function' ? String(value) : value));

describe('the precompiled report templates', () => {
  test('the generated module holds every template, as precompiling them now gives them', () => {
    const generated = generatedSpecs(sources, generatedFile);
    expect(Object.keys(generated ?? {})).toEqual([...TEMPLATE_NAMES]);
    expect(specText(generated!)).toBe(specText(precompiledNow(sources)));
  });

  test('is not used when one template differs by one byte', () => {
    expect(generatedSpecs({ ...sources, evidence: `${sources.evidence} ` }, generatedFile)).toBeUndefined();
  });

  test('is not used when it was never built (the sources under ts-jest)', () => {
    expect(generatedSpecs(sources, path.join(dir, 'absent.js'))).toBeUndefined();
  });
});
