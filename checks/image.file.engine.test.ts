import { testCheckKind } from '../test/support/check-tester';
import { WEB_SERVER_DIR } from '../test/support/fixtures';
import kind from './image.file';

const greeting = { image: 'web_server', path: '/var/www/html/index.html', matches: 'Hello from a web server running inside a container!' };

testCheckKind(kind, {
  valid: [
    { name: "the slide's greeting in web_server's index.html", setup: [`docker build -q -t web_server ${WEB_SERVER_DIR}`], params: greeting, messageId: 'ok' },
    {
      name: 'the image exists, its web server container has exited: the file is still in the image',
      setup: [`docker build -q -t web_server ${WEB_SERVER_DIR}`, 'docker run --name web_server web_server true'],
      params: greeting,
      messageId: 'ok',
    },
    // /etc/os-release is a relative link to ../usr/lib/os-release: followed inside the image, as cat would.
    { name: 'a symbolic link is followed inside the image', params: { image: 'ubuntu', path: '/etc/os-release', matches: 'NAME=' }, messageId: 'ok' },
    { name: 'no pattern: the file exists', params: { image: 'ubuntu', path: '/etc/os-release' }, messageId: 'ok' },
  ],
  invalid: [
    { name: 'no such image', params: greeting, messageId: 'missing' },
    { name: 'docker tag ubuntu web_server: no index.html', setup: ['docker tag ubuntu web_server'], params: greeting, messageId: 'noFile' },
    { name: 'a folder is not a file', params: { image: 'ubuntu', path: '/etc' }, messageId: 'noFile' },
    {
      name: 'the file holds something else',
      params: { image: 'ubuntu', path: '/etc/os-release', matches: 'Hello from a web server' },
      messageId: 'mismatch',
    },
  ],
});
