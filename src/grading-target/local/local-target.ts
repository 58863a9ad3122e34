import type { Agent } from 'undici';
import { resolveConnection, type EngineConnection } from '../../docker/connection';
import { DockerEngine } from '../../docker/engine';
import { HttpClient } from '../../http/http-client';
import { undiciAgent } from '../../http/undici-request';
import type { Lang } from '../../messages/catalog';
import type { OpenTarget, Target } from '../target';

/** The engine this machine's docker CLI would use: `--host`, DOCKER_HOST, the Docker context, the rootless socket, the local socket (see resolveConnection). */
export class LocalTarget implements Target {
  readonly kind = 'local' as const;
  private readonly connection: EngineConnection;

  constructor(hostFlag?: string, env: NodeJS.ProcessEnv = process.env, lang: Lang = 'en') {
    this.connection = resolveConnection(hostFlag, env, lang);
  }

  get endpoint(): string {
    return this.connection.endpoint;
  }

  async open(): Promise<OpenTarget> {
    const engine = new DockerEngine(this.connection);
    const info = await engine.connect();
    let agent: Agent | undefined;
    const dispatcher = () => (agent ??= undiciAgent({ keepAliveTimeout: 2_000, connections: 16 }));
    return {
      kind: this.kind,
      endpoint: this.endpoint,
      engine,
      info,
      http: new HttpClient(dispatcher, this.connection.publishedHost),
      close: async () => {
        await agent?.close();
      },
    };
  }
}
