import { existsSync, writeFileSync } from 'node:fs';
import { makeFolder } from '../files/make-folder';
import path from 'node:path';
import { SetupError } from '../errors/setup-error';
import { message, type Lang } from '../messages/catalog';
import type { CliIo } from './io';

/**
 * A spec to start from: both languages' texts, one check and two examples — the
 * slide's state and a common mistake — that `grade validate` and `grade test`
 * accept as written (on an engine with nginx). The comments say what to change.
 */
export function exerciseScaffold(id: string): string {
  return `# A new exercise: change the texts, the check and the examples to the slide's.
# The loop: edit, grade validate ${id}.yaml, grade test ${id} --exercises <this folder>.
id: ${id}
title: Run nginx in the background, publishing host port 8080
title_it: 'Esegui nginx in background, pubblicando la porta 8080 dell’host'
# Where the exercise comes in the course: grade and grade list follow it.
order: 100
description: >-
  Start a container named web from the nginx image, in the background,
  publishing host port 8080 to its port 80.
description_it: >-
  Avvia un container di nome web dall’immagine nginx, in background,
  pubblicando la porta 8080 dell’host sulla sua porta 80.
slides:
  - The slide this exercise comes from
checks:
  - id: web
    title: Container web runs, publishing host port 8080 to 80
    title_it: 'Il container web è in esecuzione e pubblica la porta 8080 dell’host sulla 80'
    kind: container.config
    points: 100
    params:
      select: { name: web }
      ports: [{ host: 8080, container: 80 }]
    hint: docker run -d --name web -p 8080:80 nginx
    hint_it: 'docker run -d --name web -p 8080:80 nginx'
# What a correct grader says on states a student makes: grade test types each
# setup at a terminal on a clean engine, grades, and compares. Maintainers' text,
# run with their rights: examples never come from a student's repository.
examples:
  - name: as the slide says
    setup: docker run -d --name web -p 8080:80 nginx
    expect: full
  - name: the port is not published
    setup: docker run -d --name web nginx
    expect:
      fail: [web]
      messages: { web: '8080' }
`;
}

/** `grade new EXERCISE_ID`: writes EXERCISE_ID.yaml into the folder; never over an existing file. */
export function newCommand(id: string, dir: string, lang: Lang, io: CliIo): number {
  if (!/^[a-z][a-z0-9_]*$/.test(id)) throw new SetupError(message(lang, 'new.badId', { id }));
  const file = path.join(dir, `${id}.yaml`);
  if (existsSync(file)) throw new SetupError(message(lang, 'new.exists', { file }), message(lang, 'new.existsAdvice'));
  makeFolder(dir);
  writeFileSync(file, exerciseScaffold(id), { flag: 'wx' });
  io.stderr.write(`${message(lang, 'new.created', { file, id, dir })}\n`);
  return 0;
}
