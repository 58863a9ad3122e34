/**
 * Labels Compose puts on what it creates. Compose containers are found by
 * these, never by name: compose v1 names them `proj_svc_1`, v2 `proj-svc-1`.
 */
export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';
