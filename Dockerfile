# The grader as an image, for students without Node.js and as the job image of
# ci/student.gitlab-ci.yml:
#
#   docker build -t grade .
#   docker run --rm --network host -v /var/run/docker.sock:/var/run/docker.sock \
#     --group-add "$(stat -c %g /var/run/docker.sock)" grade
#   docker run --rm --network host -v /var/run/docker.sock:/var/run/docker.sock \
#     --group-add "$(stat -c %g /var/run/docker.sock)" -v "$PWD:/repo:ro" -v "$PWD/reports:/reports" \
#     grade repo /repo --out /reports
#
# --network host: published ports (http://localhost:8080) are the host's.
# --group-add: the image runs as the unprivileged user node; the socket's group
# lets it talk to the engine without root.

# The build stage makes what `npm run package` ships (scripts/bundle.js): the CLI and
# its pure-JavaScript dependencies bundled, no node_modules. The last stage is
# an Alpine Node base with that bundle and, from the docker CLI image, the
# docker CLI and its compose plugin (static binaries) — nothing else. No SQLite
# for the live board: it runs from a global install (docs/instructors.md: Live lab board).
FROM node:20.19-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY scripts ./scripts
COPY src ./src
COPY checks ./checks
COPY exercises ./exercises
COPY schemas ./schemas
COPY templates ./templates
RUN npm run build:dist && node scripts/bundle.js

FROM docker:28.2-cli AS docker-cli

FROM node:20.19-alpine
COPY --from=docker-cli /usr/local/bin/docker /usr/local/bin/docker
COPY --from=docker-cli /usr/local/libexec/docker/cli-plugins/docker-compose /usr/local/libexec/docker/cli-plugins/docker-compose
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/bin ./bin
COPY --from=build --chown=root:root /app/dist/bundle ./dist/bundle
COPY --from=build --chown=root:root /app/exercises ./exercises
COPY --from=build --chown=root:root /app/schemas ./schemas
COPY --from=build --chown=root:root /app/templates ./templates
RUN ln -s /app/bin/grade.js /usr/local/bin/grade
ENV NODE_ENV=production
USER node
WORKDIR /work
ENTRYPOINT ["grade"]
CMD []
