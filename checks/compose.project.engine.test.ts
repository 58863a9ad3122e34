import { testCheckKind } from '../test/support/check-tester';
import { composeUp, composeVariant, WORDPRESS_DIR } from '../test/support/fixtures';
import kind from './compose.project';

const full = { services: ['wordpress', 'database'], networks: ['backend', 'frontend'], volumes: ['wordpress', 'db'] };

testCheckKind(kind, {
  valid: [
    { name: "the slides' stack, any project name", setup: [composeUp(WORDPRESS_DIR, 'costa')], params: full, messageId: 'ok', data: { project: 'costa' } },
    { name: 'a named project', setup: [composeUp(WORDPRESS_DIR, 'olss')], params: { ...full, project: 'olss' } },
  ],
  invalid: [
    { name: 'no compose project at all', setup: ['docker run -d --name wordpress wordpress'], params: full, messageId: 'noProject' },
    {
      name: 'created but not started (docker-compose up --no-start)',
      setup: [`docker-compose -p olss -f ${WORDPRESS_DIR}/docker-compose.yml up --no-start 2>&1`],
      params: full,
      messageId: 'incomplete',
      data: { problems: 'service wordpress is not running (created); service database is not running (created)' },
    },
    {
      name: 'no networks declared: everything on the default network',
      setup: [
        composeUp(
          composeVariant((doc) => {
            doc.delete('networks');
            doc.deleteIn(['services', 'database', 'networks']);
            doc.deleteIn(['services', 'wordpress', 'networks']);
          }),
        ),
      ],
      params: full,
      messageId: 'incomplete',
      data: { problems: 'has no network backend, frontend' },
    },
    {
      name: 'the database service missing',
      setup: [
        composeUp(
          composeVariant((doc) => {
            doc.deleteIn(['services', 'database']);
            doc.deleteIn(['services', 'wordpress', 'depends_on']);
          }),
        ),
      ],
      params: full,
      messageId: 'incomplete',
      data: { problems: 'has no service database' },
    },
  ],
});
