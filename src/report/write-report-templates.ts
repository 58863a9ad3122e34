import { writeFileSync } from 'node:fs';
import { GENERATED_TEMPLATES } from './report-templates';
import { templateSources } from './template-sources';
import { templatesModuleSource } from './template-precompiler';

// Part of `npm run build`: writes dist/src/report/report-templates.generated.js; a template that does not compile fails the build here.
writeFileSync(GENERATED_TEMPLATES, templatesModuleSource(templateSources()));
