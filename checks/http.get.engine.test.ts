import { testCheckKind } from '../test/support/check-tester';
import { composeUp, composeVariant, WEB_SERVER_DIR, WORDPRESS_DIR } from '../test/support/fixtures';
import kind from './http.get';

const webServer = [`docker build -q -t web_server ${WEB_SERVER_DIR}`, 'docker run -d -p 8080:80 --name=web_server web_server'];
const greeting = { port: 8080, path: '/', contains: 'Hello from a web server running inside a container!' };

testCheckKind(kind, {
  valid: [
    { name: "the slide's page on 8080", setup: webServer, params: greeting, messageId: 'ok', data: { status: 200 } },
    {
      name: 'WordPress: the redirect to the install page is followed',
      setup: [composeUp(WORDPRESS_DIR)],
      params: { port: 8080, matches: 'wordpress', waitMs: 5000 },
    },
    {
      name: 'the redirect itself when not following',
      setup: [composeUp(WORDPRESS_DIR)],
      params: { port: 8080, status: 302, followRedirects: false, waitMs: 5000 },
    },
    { name: 'a missing page is a 404', setup: webServer, params: { port: 8080, path: '/nothing-here', status: 404 } },
    {
      name: 'starting is not failing: WordPress answers 500 until its database listens, 8 s later',
      setup: [composeUp(composeVariant((doc) => doc.setIn(['services', 'database', 'environment', 'STANDIN_STARTUP_SECONDS'], '8')))],
      params: { port: 8080, matches: 'wordpress' },
      messageId: 'ok',
      data: { waited: expect.stringMatching(/^ \(after waiting \d+\.\d s: the container publishing it started \d+ s ago\)$/) },
    },
  ],
  invalid: [
    { name: 'nothing listens on 8080', params: { ...greeting, waitMs: 300 }, messageId: 'unreachable', data: { reason: 'connection refused' } },
    {
      name: 'another page on 8080 (nginx)',
      setup: ['docker run -d -p 8080:80 nginx'],
      params: greeting,
      messageId: 'content',
      data: { summary: 'page titled "Welcome to nginx!"' },
    },
    {
      name: 'the container runs without publishing the port',
      setup: [`docker build -q -t web_server ${WEB_SERVER_DIR}`, 'docker run -d --name=web_server web_server'],
      params: { ...greeting, waitMs: 300 },
      messageId: 'unreachable',
    },
    {
      name: 'WordPress that shares no network with its database answers 500',
      setup: [
        composeUp(
          composeVariant((doc) => {
            doc.setIn(['services', 'wordpress', 'networks'], ['frontend']);
          }),
        ),
      ],
      params: { port: 8080, matches: 'wordpress', waitMs: 5000 },
      messageId: 'status',
      data: { actual: 500, expected: 200 },
    },
  ],
});
