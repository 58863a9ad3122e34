import { neededImages } from './needed-images';

describe('the images an example needs', () => {
  test('the image of docker run and create, past their options and their values', () => {
    expect(
      neededImages({
        setup: [
          'docker run -d -p 8080:80 --memory="256m" nginx',
          'docker run -it --network=none alpine /bin/sh',
          'docker run -v /tmp/x:/y --name myname -e A=1 ubuntu /bin/bash -c "touch /app/x"',
          'docker container create --restart always portainer/portainer-ce',
        ].join('\n'),
      }).sort(),
    ).toEqual(['alpine', 'nginx', 'portainer/portainer-ce', 'ubuntu']);
  });

  test('what the same setup builds, commits or tags is made, not needed; the source of a tag is needed', () => {
    expect(neededImages({ setup: 'docker build -t web_server .\ndocker run -d -p 8080:80 web_server' })).toEqual([]);
    expect(neededImages({ setup: 'docker run --name other alpine true && docker commit other ubuntu_with_ping\ndocker run ubuntu_with_ping ping x' })).toEqual([
      'alpine',
    ]);
    expect(neededImages({ setup: 'docker tag ubuntu ubuntu_with_ping' })).toEqual(['ubuntu']);
    expect(neededImages({ setup: 'docker commit $(docker ps -lq) ubuntu_with_ping\ndocker tag ubuntu_with_ping x/y:1' })).toEqual([]);
    expect(neededImages({ setup: 'docker tag ubuntu_with_ping $GRADE_TEST_REGISTRY/alice/olss_2021:1.0' })).toEqual(['ubuntu_with_ping']);
  });

  test("Dockerfiles' FROM (not a build stage) and compose files' image:", () => {
    const files = {
      Dockerfile: 'FROM golang:1.22 AS build\nRUN make\nFROM build AS test\nFROM --platform=linux/amd64 ubuntu\n',
      'docker-compose.yml': 'services:\n  db:\n    image: mysql:latest\n  web:\n    image: "wordpress"\n',
    };
    expect(neededImages({ setup: 'docker-compose up -d' }, files).sort()).toEqual(['golang:1.22', 'mysql:latest', 'ubuntu', 'wordpress']);
  });

  test('lines that are not docker commands, and docker commands that use no image, need none', () => {
    expect(neededImages({ setup: 'mkdir local_data\ndocker volume create v\ndocker ps -a\nexit\n^P^Q' })).toEqual([]);
  });
});
