import { testRepoKind } from '../test/support/repo-kind-tester';
import kind from './file.exists';

const greeting = 'Hello from a web server running inside a container!';

testRepoKind(kind, [
  {
    name: 'present with the greeting',
    files: { 'index.html': `<h1>${greeting}</h1>` },
    params: { path: 'index.html', contains: greeting },
    status: 'pass',
    messageId: 'ok',
  },
  { name: 'present, any content', files: { 'index.html': '' }, params: { path: 'index.html' }, status: 'pass', messageId: 'ok' },
  { name: 'not committed', files: { Dockerfile: 'FROM ubuntu' }, params: { path: 'index.html' }, messageId: 'missing', data: { path: 'index.html' } },
  { name: 'another page', files: { 'index.html': '<h1>It works</h1>' }, params: { path: 'index.html', contains: greeting }, messageId: 'lacks' },
  { name: 'a folder of that name', files: { 'index.html/x': '' }, params: { path: 'index.html' }, messageId: 'missing' },
  {
    name: 'a symlink out of the repository reads as no file',
    files: { 'index.html': { symlink: '/etc/hostname' } },
    params: { path: 'index.html' },
    messageId: 'missing',
  },
  { name: '../ out of the repository', params: { path: '../../etc/hostname' }, messageId: 'missing' },
  { name: 'outside grade repo', noRepo: true, params: { path: 'index.html' }, status: 'error', messageId: 'notRepo' },
]);
