import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testRepoKind } from '../test/support/repo-kind-tester';
import kind from './dockerfile.instructions';

const slide = readFileSync(path.join(__dirname, '../exercises/web_server/Dockerfile'), 'utf8');
const slideInstructions = [
  { label: 'FROM ubuntu', instruction: 'FROM', matches: '^(--\\S+\\s+)*ubuntu(:\\S+)?(\\s|$)' },
  { label: 'apache2 installed', instruction: 'RUN', matches: '\\bapt(-get)?\\s+(\\S+\\s+)*install\\b.*\\bapache2\\b' },
  { label: 'index.html copied', instruction: 'COPY', matches: '\\bindex\\.html\\s+/var/www/html/?' },
  { label: 'port 80 exposed', instruction: 'EXPOSE', matches: '(^|\\s)80(/tcp)?(\\s|$)' },
  { label: 'apache in the foreground', instruction: 'CMD', matches: 'apachectl\\W+-D\\W+FOREGROUND' },
];

testRepoKind(kind, [
  { name: "the slide's Dockerfile", files: { Dockerfile: slide }, params: { require: slideInstructions }, status: 'pass', messageId: 'ok' },
  {
    name: 'chained RUN with continuation lines, lowercase keywords, shell-form CMD',
    files: {
      Dockerfile:
        'from ubuntu:22.04\n# a comment\nrun apt-get update && \\\n    apt-get install -y --no-install-recommends \\\n      apache2\ncopy index.html /var/www/html\nexpose 80/tcp\ncmd apachectl -D FOREGROUND\n',
    },
    params: { require: slideInstructions },
    status: 'pass',
    messageId: 'ok',
  },
  { name: 'no Dockerfile', files: { 'index.html': 'x' }, params: { require: slideInstructions }, messageId: 'missingFile', data: { file: 'Dockerfile' } },
  {
    name: 'apache installed in a comment only, EXPOSE 8080',
    files: { Dockerfile: slide.replace('RUN apt install -y apache2', '# RUN apt install -y apache2').replace('EXPOSE 80', 'EXPOSE 8080') },
    params: { require: slideInstructions },
    messageId: 'missing',
    data: { labels: 'apache2 installed (RUN), port 80 exposed (EXPOSE)' },
  },
  {
    name: 'FROM alpine, server started with RUN instead of CMD',
    files: { Dockerfile: 'FROM alpine\nRUN apk add apache2\nCOPY index.html /var/www/html/\nEXPOSE 80\nRUN apachectl -D FOREGROUND\n' },
    params: { require: slideInstructions },
    messageId: 'missing',
    data: { labels: 'FROM ubuntu (FROM), apache2 installed (RUN), apache in the foreground (CMD)' },
  },
  {
    name: 'another file name',
    files: { 'web/Dockerfile.web': slide },
    params: { file: 'web/Dockerfile.web', require: slideInstructions },
    status: 'pass',
    messageId: 'ok',
  },
  { name: 'outside grade repo', noRepo: true, params: { require: slideInstructions }, status: 'error', messageId: 'notRepo' },
]);
