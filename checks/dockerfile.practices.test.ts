import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testRepoKind } from '../test/support/repo-kind-tester';
import kind from './dockerfile.practices';

const slide = readFileSync(path.join(__dirname, '../exercises/web_server/Dockerfile'), 'utf8');
const tidy =
  'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y apache2 && rm -rf /var/lib/apt/lists/*\nCOPY index.html /var/www/html/\nEXPOSE 80\nCMD ["apachectl", "-D", "FOREGROUND"]\n';

testRepoKind(kind, [
  { name: 'chained, cleaned, pinned', files: { Dockerfile: tidy }, params: {}, status: 'pass', messageId: 'ok' },
  {
    name: "the slide's own Dockerfile: two RUNs, lists kept, unpinned base",
    files: { Dockerfile: slide },
    params: {},
    messageId: 'advice',
    data: { findings: /^\[chain-run\] Dockerfile:4: .*Reduce Layers.*; \[apt-lists\] Dockerfile:4: .*; \[pinned-base\] Dockerfile:1: / },
  },
  { name: 'only the rules asked for', files: { Dockerfile: slide }, params: { rules: ['no-secrets', 'one-app'] }, status: 'pass', messageId: 'ok' },
  {
    name: 'a password in ENV and a key copied in',
    files: { Dockerfile: `${tidy}ENV MYSQL_ROOT_PASSWORD=secret\nCOPY id_rsa /root/.ssh/id_rsa\n` },
    params: { rules: ['no-secrets'] },
    messageId: 'advice',
    data: { findings: /^\[no-secrets\] Dockerfile:6,7: .*A few words on Docker security/ },
  },
  {
    name: 'web server and database in one image',
    files: { Dockerfile: 'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y apache2 mysql-server && rm -rf /var/lib/apt/lists/*\n' },
    params: { rules: ['one-app'] },
    messageId: 'advice',
    data: { findings: /^\[one-app\] Dockerfile:2: .*single application/ },
  },
  {
    name: 'the server started by RUN',
    files: { Dockerfile: 'FROM ubuntu:22.04\nRUN apachectl -D FOREGROUND\n' },
    params: { rules: ['cmd-not-run'] },
    messageId: 'advice',
    data: { findings: /^\[cmd-not-run\] Dockerfile:2: start the server with CMD/ },
  },
  {
    name: 'FROM scratch or a digest is pinned',
    files: { Dockerfile: 'FROM scratch\nFROM ubuntu@sha256:abc\n' },
    params: { rules: ['pinned-base'] },
    status: 'pass',
    messageId: 'ok',
  },
  { name: 'no Dockerfile', params: {}, messageId: 'missingFile' },
  { name: 'outside grade repo', noRepo: true, params: {}, status: 'error', messageId: 'notRepo' },
]);
