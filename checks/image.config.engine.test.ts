import { testCheckKind } from '../test/support/check-tester';
import { copyFixture, WEB_SERVER_DIR } from '../test/support/fixtures';
import kind from './image.config';

const apache = { image: 'web_server', exposedPorts: ['80'], cmd: ['apachectl', '-D', 'FOREGROUND'] };
const buildVariant = (edit: (dockerfile: string) => string) => `docker build -q -t web_server ${copyFixture(WEB_SERVER_DIR, { Dockerfile: edit })}`;

testCheckKind(kind, {
  valid: [
    { name: "the slide's Dockerfile", setup: [`docker build -q -t web_server ${WEB_SERVER_DIR}`], params: apache, messageId: 'matches' },
    {
      name: 'CMD in shell form is the same command',
      setup: [buildVariant((d) => d.replace('CMD ["apachectl", "-D", "FOREGROUND"]', 'CMD apachectl -D FOREGROUND'))],
      params: apache,
    },
    { name: 'ubuntu has no entrypoint', params: { image: 'ubuntu', entrypoint: [] } },
    {
      name: 'EXPOSE with explicit protocol',
      setup: [`docker build -q -t web_server ${WEB_SERVER_DIR}`],
      params: { image: 'web_server', exposedPorts: ['80/tcp'] },
    },
  ],
  invalid: [
    {
      name: 'no EXPOSE 80',
      setup: [buildVariant((d) => d.replace('EXPOSE 80\n', ''))],
      params: apache,
      messageId: 'mismatch',
      data: { problems: 'does not EXPOSE 80 (exposes nothing)' },
    },
    {
      name: 'another CMD',
      setup: [buildVariant((d) => d.replace('CMD ["apachectl", "-D", "FOREGROUND"]', 'CMD ["apachectl", "start"]'))],
      params: apache,
      messageId: 'mismatch',
      data: { problems: 'CMD is ["apachectl","start"], expected ["apachectl","-D","FOREGROUND"]' },
    },
    {
      name: 'an entrypoint where none is expected',
      setup: [buildVariant((d) => `${d}ENTRYPOINT ["/bin/sh"]\n`)],
      params: { image: 'web_server', entrypoint: [] },
      messageId: 'mismatch',
    },
    { name: 'the image is missing', params: apache, messageId: 'missing' },
  ],
});
