import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderValue } from '../../messages/catalog';
import { composeEnvironment, composeEscapes } from './sandbox';

const repo = mkdtempSync(path.join(os.tmpdir(), 'grade-sandbox-'));
const none = () => false;
const escapesOf = (yaml: string, existing: (ref: string) => boolean = none) => composeEscapes(yaml, repo, 'docker-compose.yml', existing);

describe('what a compose file may not do under grade repo', () => {
  test("the slide's stack is fine", () => {
    const slide = `version: '3'
services:
  database:
    image: mysql:5.7
    volumes: [db:/var/lib/mysql]
    networks: [backend]
  wordpress:
    image: wordpress
    ports: ["8080:80"]
    volumes: [wordpress:/var/www/html, ./html:/srv/html:ro]
    env_file: [./wordpress.env]
    networks: [backend, frontend]
  web:
    build: ./web
    image: my-web
volumes: { db: {}, wordpress: {} }
networks: { backend: {}, frontend: {} }
`;
    expect(escapesOf(slide)).toEqual([]);
  });

  test('each escape is refused with its line and why', () => {
    const hostile = `services:
  a:
    image: alpine
    privileged: true
    network_mode: host
    pid: host
    ipc: host
    cap_add: [SYS_ADMIN]
    devices: ["/dev/sda:/dev/sda"]
    security_opt: ["seccomp=unconfined", "apparmor:unconfined"]
    volumes:
      - /:/host
      - /var/run/docker.sock:/var/run/docker.sock
      - ../../etc:/etc2
      - ~/.ssh:/keys
      - type: bind
        source: /home
        target: /h
    env_file: ../../secrets.env
  b:
    build:
      context: ..
    image: alpine
secrets:
  token:
    file: /etc/shadow
configs:
  conf:
    file: ./conf/app.conf
`;
    const found = escapesOf(hostile, (ref) => ref === 'alpine');
    const byPath = found.map((e) => `${e.line} ${e.path}: ${renderValue('en', e.why)}`);
    expect(byPath).toEqual([
      '4 services.a.privileged: privileged: true gives the container the whole host',
      "5 services.a.network_mode: network_mode: host shares the host's network namespace",
      "6 services.a.pid: pid: host shares the host's pid namespace",
      "7 services.a.ipc: ipc: host shares the host's ipc namespace",
      '8 services.a.cap_add: cap_add gives the container more of the host than the course needs',
      '9 services.a.devices: devices gives the container more of the host than the course needs',
      '10 services.a.security_opt: security_opt seccomp=unconfined turns off a protection',
      '10 services.a.security_opt: security_opt apparmor:unconfined turns off a protection',
      '12 services.a.volumes: bind mount / is outside the repository',
      '13 services.a.volumes: bind mount /var/run/docker.sock is outside the repository',
      '14 services.a.volumes: bind mount ../../etc is outside the repository',
      '15 services.a.volumes: bind mount ~/.ssh is outside the repository',
      '16 services.a.volumes: bind mount /home is outside the repository',
      '19 services.a.env_file: env_file ../../secrets.env is outside the repository',
      '22 services.b.build: build context .. is outside the repository',
      '23 services.b.image: build: would re-tag image alpine, which the engine already has',
      '26 secrets.token.file: secret file /etc/shadow is outside the repository',
    ]);
  });

  test('a remote build context is not the repository either', () => {
    const found = escapesOf('services:\n  a:\n    build: https://github.com/x/y.git\n');
    expect(found.map((e) => renderValue('en', e.why))).toEqual(['build context https://github.com/x/y.git is not in the repository']);
  });
});

describe("compose's environment", () => {
  test("only the engine's address, an empty Docker config and the course's variables: no HOME, no tokens", () => {
    const grader = { PATH: '/usr/bin', HOME: '/root', DOCKER_HOST: 'unix:///var/run/docker.sock', CI_JOB_TOKEN: 'secret', DOCKER_AUTH_CONFIG: '{"auths":{}}' };
    const env = composeEnvironment(grader, { dockerhub_user: 'alice' }, '/tmp/empty');
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/tmp/empty',
      DOCKER_CONFIG: '/tmp/empty',
      DOCKER_HOST: 'unix:///var/run/docker.sock',
      DOCKERHUB_USER: 'alice',
    });
  });
});
