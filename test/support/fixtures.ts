import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';

import { packageRoot } from '../../src/package/package-info';

/** From the project root: the same whether run by ts-jest from test/ or built into dist/test/. */
export const FIXTURES = path.join(packageRoot, 'test', 'fixtures');

/** The slide's web_server build context (Dockerfile + index.html), beside the spec whose examples build it. */
export const WEB_SERVER_DIR = path.join(packageRoot, 'exercises', 'web_server');
/** The WordPress + MySQL compose file of the docker-compose slides, beside the spec whose examples bring it up. */
export const WORDPRESS_DIR = path.join(packageRoot, 'exercises', 'wordpress_compose');

/** A copy of a fixture folder whose files can be changed for a deviating state. */
export function copyFixture(dir: string, edit: Record<string, (text: string) => string> = {}): string {
  const copy = mkdtempSync(path.join(os.tmpdir(), `grade-fixture-${path.basename(dir)}-`));
  cpSync(dir, copy, { recursive: true });
  for (const [file, change] of Object.entries(edit)) {
    const f = path.join(copy, file);
    writeFileSync(f, change(readFileSync(f, 'utf8')));
  }
  return copy;
}

/** The compose fixture with its YAML changed by `mutate` (e.g. the database publishing a port). */
export function composeVariant(mutate: (doc: ReturnType<typeof parseDocument>) => void): string {
  return copyFixture(WORDPRESS_DIR, {
    'docker-compose.yml': (text) => {
      const doc = parseDocument(text);
      mutate(doc);
      return doc.toString();
    },
  });
}

/** `docker-compose -p NAME -f DIR/docker-compose.yml up -d` as a student would, v1 binary here. */
export function composeUp(dir: string, project = 'olss'): string {
  return `docker-compose -p ${project} -f ${dir}/docker-compose.yml up -d --quiet-pull 2>&1`;
}
