#!/usr/bin/env bash
# What a course assistant would write to check an exercise by hand: the docker CLI
# and curl, one command per check, as plainly as the slides. `npm run bench` times
# it beside `grade EXERCISE` on the same prepared host; grade's ratio is to this.
#
#   bench/shell-baseline.sh EXERCISE      exit 0 when every check passes, 1 otherwise
#
# It checks what grade checks, no more: where grade reads more (a volume's
# contents, the interfaces inside a container) so does this, the shell's way.
set -u
failed=0
check() { # check "what" command...
  if "${@:2}" >/dev/null 2>&1; then echo "ok    $1"; else echo "FAIL  $1"; failed=1; fi
}
bonus() { # like check, but a bonus: shown, not counted in the exit status
  if "${@:2}" >/dev/null 2>&1; then echo "ok    $1 (bonus)"; else echo "-     $1 (bonus, not earned)"; fi
}

first_steps() {
  check "image ubuntu" docker image inspect ubuntu
  check "echo ran" sh -c 'docker ps -aq --filter ancestor=ubuntu --filter status=exited | xargs docker inspect -f "{{.Path}} {{join .Args \" \"}}" | grep -qx "echo hello from the container"'
  check "interactive bash" sh -c 'for c in $(docker ps -aq --filter ancestor=ubuntu); do docker inspect -f "{{.Config.Tty}} {{.Config.OpenStdin}} {{.Path}}" $c; done | grep -q "true true /bin/bash"'
}

ubuntu_with_ping() {
  check "image" docker image inspect ubuntu_with_ping
  check "derived from ubuntu" sh -c '[ "$(docker image inspect -f "{{index .RootFS.Layers 0}}" ubuntu)" = "$(docker image inspect -f "{{index .RootFS.Layers 0}}" ubuntu_with_ping)" ]'
  check "ping runs" docker run --rm --network none ubuntu_with_ping ping -c 1 127.0.0.1
  check "committed" sh -c 'docker history --no-trunc ubuntu_with_ping | grep -q "apt"'
}

web_server() {
  check "image" docker image inspect web_server
  check "derived" sh -c '[ "$(docker image inspect -f "{{index .RootFS.Layers 0}}" ubuntu)" = "$(docker image inspect -f "{{index .RootFS.Layers 0}}" web_server)" ]'
  check "apache2 by apt" sh -c 'docker history --no-trunc web_server | grep -qE "apt(-get)? .*install.*apache2"'
  check "index.html" sh -c 'docker run --rm --network none --entrypoint cat web_server /var/www/html/index.html | grep -q "Hello from a web server running inside a container!"'
  check "config" sh -c 'docker image inspect -f "{{json .Config.ExposedPorts}} {{json .Config.Cmd}}" web_server | grep -q "\"80/tcp\".*\[\"apachectl\",\"-D\",\"FOREGROUND\"\]"'
  check "container on 8080" sh -c 'docker ps --filter ancestor=web_server --filter publish=8080 -q | grep -q .'
  check "page" sh -c 'curl -sf http://localhost:8080/ | grep -q "Hello from a web server running inside a container!"'
  bonus "second on 8081" sh -c 'docker ps --filter ancestor=web_server --filter publish=8081 -q | grep -q .'
  bonus "one apt layer" sh -c '[ "$(docker history --no-trunc web_server | grep -cE "apt(-get)? ")" -le 1 ]'
}

wordpress_compose() {
  check "stack" sh -c 'docker ps --filter label=com.docker.compose.service=wordpress -q | grep -q . && docker ps --filter label=com.docker.compose.service=database -q | grep -q .'
  check "networks" sh -c 'docker network ls --format "{{.Name}}" | grep -q backend && docker network ls --format "{{.Name}}" | grep -q frontend'
  db=$(docker ps -q --filter label=com.docker.compose.service=database | head -1)
  wp=$(docker ps -q --filter label=com.docker.compose.service=wordpress | head -1)
  check "database private" sh -c "docker inspect -f '{{range \$k, \$v := .NetworkSettings.Networks}}{{\$k}} {{end}}|{{json .NetworkSettings.Ports}}' $db | grep -qE '^[^ ]*backend \|(\{\}|null|\{\"3306/tcp\":null.*)$'"
  check "wordpress networks" sh -c "docker inspect -f '{{range \$k, \$v := .NetworkSettings.Networks}}{{\$k}} {{end}}' $wp | grep -q backend && docker port $wp 80 | grep -q 8080"
  check "wordpress volume" sh -c "docker inspect -f '{{range .Mounts}}{{.Type}} {{.Destination}};{{end}}' $wp | grep -q 'volume /var/www/html'"
  check "database volume" sh -c "docker inspect -f '{{range .Mounts}}{{.Type}} {{.Destination}};{{end}}' $db | grep -q 'volume /var/lib/mysql'"
  check "site" sh -c 'curl -sf http://localhost:8080/ | grep -qi wordpress'
}

volumes() {
  check "bind mount" sh -c 'docker ps -aq | xargs docker inspect -f "{{range .Mounts}}{{.Type}} {{.Source}} {{.Destination}};{{end}}" | grep -qE "bind [^ ]*local_data/? /container_data"'
  check "my-volume" docker volume inspect my-volume
  check "myname mounts it" sh -c 'docker inspect -f "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}};{{end}}" myname | grep -q "volume my-volume /app"'
  check "kept" sh -c 'docker run --rm -v my-volume:/data:ro --network none ubuntu ls -A /data | grep -q .'
}

network_none() {
  check "alpine with --network=none" sh -c 'docker ps -aq --filter ancestor=alpine | xargs docker inspect -f "{{.HostConfig.NetworkMode}}" | grep -q "^none$"'
  c=$(docker ps -aq --filter ancestor=alpine --filter network=none | head -1)
  if [ "$(docker inspect -f '{{.State.Running}}' "$c" 2>/dev/null)" = true ]; then
    check "only lo" sh -c "[ \"\$(docker exec $c ls /sys/class/net)\" = lo ]"
  else
    check "only lo (its log)" sh -c "docker logs $c 2>&1 | grep -E '^[0-9]+: ' | grep -v ': lo:' | grep -q . && exit 1; docker logs $c 2>&1 | grep -qE '^[0-9]+: lo:'"
  fi
}

bridge_isolation() {
  check "test1 on bridge" sh -c 'docker inspect -f "{{.State.Running}} {{range \$k, \$v := .NetworkSettings.Networks}}{{\$k}} {{end}}" test1 | grep -q "true.*bridge"'
  check "test2 on bridge" sh -c 'docker inspect -f "{{.State.Running}} {{range \$k, \$v := .NetworkSettings.Networks}}{{\$k}} {{end}}" test2 | grep -q "true.*bridge"'
  check "my-bridge" sh -c 'docker network inspect -f "{{.Driver}}" my-bridge | grep -q bridge'
  check "test3 only on my-bridge" sh -c '[ "$(docker inspect -f "{{range \$k, \$v := .NetworkSettings.Networks}}{{\$k}} {{end}}" test3)" = "my-bridge " ]'
  ip2=$(docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' test2)
  ip3=$(docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' test3)
  check "test1 reaches test2" docker exec test1 ping -c 1 -W 1 "$ip2"
  check "test1 cannot reach test3" sh -c "! docker exec test1 ping -c 1 -W 1 $ip3"
  bonus "a container on both" sh -c 'docker ps -q | xargs docker inspect -f "{{range \$k, \$v := .NetworkSettings.Networks}}{{\$k}} {{end}}" | grep -q "bridge my-bridge"'
}

process_management() {
  check "test1 runs alpine" sh -c 'docker inspect -f "{{.State.Running}} {{.Config.Image}}" test1 | grep -q "true alpine"'
  check "python mypi.py" sh -c 'docker top test1 | grep -qE "python[0-9.]* .*mypi\.py"'
  check "uses CPU" sh -c 'docker stats --no-stream --format "{{.CPUPerc}}" test1 | awk -F% "{ exit !(\$1 > 5) }"'
}

memory_limits() {
  check "256m nginx" sh -c 'docker ps -q --filter ancestor=nginx | xargs docker inspect -f "{{.HostConfig.Memory}}" | grep -q "^268435456$"'
  check "stats limit" sh -c 'docker stats --no-stream --format "{{.MemUsage}}" $(docker ps -q --filter ancestor=nginx) | grep -q "256MiB"'
  check "published on 8080" sh -c 'docker ps --filter ancestor=nginx --filter publish=8080 -q | xargs docker inspect -f "{{.HostConfig.Memory}}" | grep -q "^268435456$"'
  check "half a CPU" sh -c 'docker ps -aq --filter ancestor=nginx | xargs docker inspect -f "{{.HostConfig.NanoCpus}}" | grep -q "^500000000$"'
}

logging() {
  check "test1 runs the date loop" sh -c 'docker inspect -f "{{.Config.Image}} {{json .Config.Cmd}}" test1 | grep -qE "alpine.*while true.*date.*sleep 1"'
  check "dated lines" sh -c '[ "$(docker logs --tail 50 test1 2>&1 | grep -cE "^[A-Z][a-z]{2} [A-Z][a-z]{2} +[0-9]+ [0-9:]{8} [A-Z]+ [0-9]{4}$")" -ge 3 ]'
  check "still printing" sh -c 'last=$(docker logs --tail 1 --timestamps test1 | cut -d" " -f1); [ $(( $(date +%s) - $(date -d "$last" +%s) )) -le 5 ]'
}

portainer() {
  check "portainer_data" docker volume inspect portainer_data
  check "runs" sh -c 'docker inspect -f "{{.State.Running}}" portainer | grep -q true'
  check "restart always" sh -c 'docker inspect -f "{{.HostConfig.RestartPolicy.Name}}" portainer | grep -q always'
  check "data volume" sh -c 'docker inspect -f "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}};{{end}}" portainer | grep -q "volume portainer_data /data"'
  check "socket" sh -c 'docker inspect -f "{{range .Mounts}}{{.Source}} {{.Destination}};{{end}}" portainer | grep -q "/var/run/docker.sock /var/run/docker.sock"'
  check "8080 to 9000" sh -c 'docker port portainer 9000 | grep -q 8080'
  check "answers" curl -sf -o /dev/null http://localhost:8080/
}

case "${1:-}" in
  first_steps | ubuntu_with_ping | web_server | wordpress_compose | volumes | network_none | bridge_isolation | process_management | memory_limits | logging | portainer) "$1" ;;
  *)
    echo "usage: $0 EXERCISE" >&2
    exit 2
    ;;
esac
exit $failed
