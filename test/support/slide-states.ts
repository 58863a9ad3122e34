import { WEB_SERVER_DIR, WORDPRESS_DIR } from './fixtures';

/**
 * The state each exercise's slides leave on a host, as the commands a student
 * types (stand-in images play ubuntu, alpine, nginx, wordpress, mysql).
 */
/** The slides' mypi.py (Leibniz series for pi). */
export const MYPI = `pi = 0
accuracy = 1000000

for i in range(0, accuracy):
    pi += ((4.0 * (-1)**i) / (2*i + 1))
    print(pi)
`;

/** `docker run -it … /bin/bash` then `exit`, typed at a real terminal (script gives it one). */
export const interactiveRun = (args: string) => `echo exit | script -qc 'docker run -it ${args}' /dev/null >/dev/null`;

/** A command that opens an interactive session (`docker run -it …`), the lines typed at its prompt, through a real pseudo-terminal. */
export const interactiveSession = (command: string, typed: string[]) =>
  `printf '%s\\n' ${typed.map((t) => `'${t.replace(/'/g, `'\\''`)}'`).join(' ')} | script -qec '${command}' /dev/null >/dev/null`;

export const SLIDE_STATES: Record<string, string[]> = {
  first_steps: ['docker run ubuntu echo "hello from the container"', interactiveRun('ubuntu /bin/bash')],
  ubuntu_with_ping: ['docker run ubuntu /bin/bash -c "apt update; apt -y install iputils-ping"', 'docker commit $(docker ps -a -q --latest) ubuntu_with_ping'],
  web_server: [
    `docker build -q -t web_server ${WEB_SERVER_DIR}`,
    'docker run -d -p 8080:80 --name=web_server web_server',
    'docker run -d -p 8081:80 web_server',
  ],
  wordpress_compose: [`cd ${WORDPRESS_DIR} && docker-compose -p costa up --build --no-start 2>&1 && docker-compose -p costa start 2>&1`],
  bridge_isolation: [
    'docker run -td --name test1 alpine',
    'docker run -td --name test2 alpine',
    'docker network create my-bridge',
    'docker run -itd --network=my-bridge --name=test3 alpine',
    'docker run -itd --name test4 alpine',
    'docker network connect my-bridge test4',
  ],
  volumes: [
    'mkdir -p /tmp/grade-olss/local_data && docker run -v /tmp/grade-olss/local_data/:/container_data ubuntu ls /container_data',
    'docker volume create my-volume',
    'docker run --name myname -v my-volume:/app ubuntu /bin/bash -c "touch /app/my_new_file"',
  ],
  // Typed to the letter: the session is exited, its terminal log keeps what ip address show listed.
  network_none: [interactiveSession('docker run -it --network=none alpine /bin/sh', ['ip address show', 'exit'])],
  process_management: [
    'docker run -itd --name test1 alpine /bin/sh',
    'docker exec test1 sh -c "apk update && apk add python2"',
    `docker exec -i test1 sh -c 'cat > mypi.py' <<'EOF'\n${MYPI}EOF`,
    'docker exec -d test1 python mypi.py',
  ],
  logging: ['docker run -d --name test1 alpine /bin/sh -c "while true; do $(echo date); sleep 1; done"', 'sleep 3.5'],
  portainer: [
    'docker volume create portainer_data',
    'docker run -d -p 8080:9000 --name=portainer --restart=always -v /var/run/docker.sock:/var/run/docker.sock -v portainer_data:/data portainer/portainer-ce',
  ],
  memory_limits: ['docker run -d -p 8080:80 --memory="256m" nginx', 'docker run -d -p 8081:80 --cpus=".5" nginx'],
};
