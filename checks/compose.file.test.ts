import { readFileSync } from 'node:fs';
import path from 'node:path';
import { testRepoKind } from '../test/support/repo-kind-tester';
import kind from './compose.file';

const slide = readFileSync(path.join(__dirname, '../exercises/wordpress_compose/docker-compose.yml'), 'utf8');
const stack = {
  services: ['wordpress', 'database'],
  networks: ['backend', 'frontend'],
  volumes: ['wordpress', 'db'],
  attach: [
    { service: 'database', networks: ['backend'], only: true },
    { service: 'wordpress', networks: ['backend', 'frontend'] },
  ],
  ports: [{ service: 'wordpress', host: 8080, container: 80 }],
  noPorts: ['database'],
  mounts: [
    { service: 'wordpress', target: '/var/www/html', named: true },
    { service: 'database', target: '/var/lib/mysql', named: true },
  ],
};

testRepoKind(kind, [
  { name: "the slides' stack", files: { 'docker-compose.yml': slide }, params: stack, status: 'pass', messageId: 'ok' },
  { name: 'named docker-compose.yaml, as the slide downloads it', files: { 'docker-compose.yaml': slide }, params: stack, status: 'pass', messageId: 'ok' },
  {
    name: 'long syntax for ports, networks as a map, long volume syntax',
    files: {
      'compose.yaml': `services:
  database:
    image: mysql
    networks: { backend: {} }
    volumes: [{ type: volume, source: db, target: /var/lib/mysql }]
  wordpress:
    image: wordpress
    networks: { backend: {}, frontend: { aliases: [site] } }
    ports: [{ target: 80, published: 8080, protocol: tcp }]
    volumes: [{ type: volume, source: wordpress, target: /var/www/html }]
networks: { backend: {}, frontend: {} }
volumes: { wordpress: {}, db: {} }
`,
    },
    params: stack,
    status: 'pass',
    messageId: 'ok',
  },
  {
    name: "today's Compose: name:, include:, x- extensions, profiles, develop, long-form ports and volumes",
    files: {
      'compose.yaml': `name: olss
include:
  - extra/monitoring.yaml
x-db-env: &db-env
  MYSQL_DATABASE: wordpress
services:
  database:
    image: mysql:5.7
    environment: *db-env
    networks: [backend]
    volumes:
      - type: volume
        source: db
        target: /var/lib/mysql
  wordpress:
    image: wordpress
    x-note: graded by grade
    profiles: [web]
    develop:
      watch:
        - action: sync
          path: ./html
          target: /var/www/html
    networks: [backend, frontend]
    ports:
      - name: web
        target: 80
        published: "8080"
        protocol: tcp
        mode: host
    volumes:
      - type: volume
        source: wordpress
        target: /var/www/html
networks: { backend: {}, frontend: {} }
volumes: { wordpress: {}, db: {} }
`,
    },
    params: stack,
    status: 'pass',
    messageId: 'ok',
  },
  {
    name: 'a top-level key the specification does not know',
    files: {
      'docker-compose.yml': `${slide}
service:
  extra:
    image: nginx
`,
    },
    params: stack,
    messageId: 'invalidSpec',
    data: { problems: /must NOT have additional properties 'service'/ },
  },
  {
    name: 'the database also on frontend',
    files: { 'docker-compose.yml': slide.replace('      - backend\n\n  wordpress', '      - backend\n      - frontend\n\n  wordpress') },
    params: stack,
    messageId: 'problems',
    data: { problems: 'database is also on frontend (only backend wanted)' },
  },
  {
    name: 'the database publishes 3306, wordpress 80:80',
    files: {
      'docker-compose.yml': slide
        .replace('      - db:/var/lib/mysql\n', '      - db:/var/lib/mysql\n    ports: ["3306:3306"]\n')
        .replace('"8080:80"', '"80:80"'),
    },
    params: stack,
    messageId: 'problems',
    data: { problems: /wordpress does not publish 8080:80 \(publishes: 80:80\); database publishes 3306:3306; it should publish nothing/ },
  },
  {
    name: 'a bind mount instead of the named volume, no networks at all',
    files: {
      'docker-compose.yml':
        'services:\n  database:\n    image: mysql\n    volumes: ["./data:/var/lib/mysql"]\n  wordpress:\n    image: wordpress\n    ports: ["8080:80"]\n    volumes: ["wordpress:/var/www/html"]\nvolumes:\n  wordpress:\n',
    },
    params: stack,
    messageId: 'problems',
    data: {
      problems:
        /^no top-level network backend, frontend \(declared: none\); no top-level volume db .*database is not on backend \(on the default network\).*database mounts \.\/data at \/var\/lib\/mysql, not a named volume/,
    },
  },
  {
    name: 'a misspelt key the specification does not know',
    files: { 'docker-compose.yml': slide.replace('    ports:\n', '    port:\n') },
    params: stack,
    messageId: 'invalidSpec',
    data: { problems: /services\.wordpress: must NOT have additional properties 'port'/ },
  },
  {
    name: 'tabs: not YAML',
    files: { 'docker-compose.yml': 'services:\n\twordpress:\n' },
    params: stack,
    messageId: 'invalidYaml',
    data: { problems: /^line 2/ },
  },
  { name: 'no compose file', files: { Dockerfile: 'FROM ubuntu' }, params: stack, messageId: 'missingFile' },
  { name: 'outside grade repo', noRepo: true, params: stack, status: 'error', messageId: 'notRepo' },
]);
