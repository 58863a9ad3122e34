import { WEB_SERVER_DIR, WORDPRESS_DIR } from './fixtures';

/**
 * The state each exercise's slides leave on a host, as the commands a student
 * types (stand-in images play ubuntu, alpine, nginx, wordpress, mysql).
 */
export const SLIDE_STATES: Record<string, string[]> = {
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
  memory_limits: ['docker run -d -p 8080:80 --memory="256m" nginx', 'docker run -d -p 8081:80 --cpus=".5" nginx'],
};
