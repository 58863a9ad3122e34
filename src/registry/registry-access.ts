import { parseReference, type RegistryReference } from '../docker/image-reference';
import { RegistryClient, type Descriptor, type ImageConfig, type ImageManifest, type RegistryCredentials } from './registry-client';
import { SharedReads } from '../concurrency/shared-reads';

export interface RegistryAccessOptions {
  /** The registry that stands for Docker Hub (`docker.io`): its API at https://registry-1.docker.io unless --registry says otherwise. */
  dockerHubUrl?: string;
  /** For the Docker Hub stand-in only; from the environment, never from the docker CLI's config. */
  credentials?: RegistryCredentials;
  timeoutMs?: number;
}

export const DOCKER_HUB_API = 'https://registry-1.docker.io';

export interface ResolvedImage {
  ref: RegistryReference;
  baseUrl: string;
  /** How people name it: the image as written, with the registry shown when not Docker Hub. */
  display: string;
}

export interface PulledImage {
  digest: string;
  manifest: ImageManifest;
  config: ImageConfig;
}

/**
 * What checks see of registries during one run: one client per registry and
 * access mode (so tokens are fetched once), manifests and configs fetched once
 * per image. Images are resolved for the graded engine's platform.
 */
export class RegistryAccess {
  private readonly clients = new Map<string, RegistryClient>();
  private readonly reads = new SharedReads();

  constructor(
    private readonly opts: RegistryAccessOptions,
    private readonly platform: { os: string; architecture: string },
  ) {}

  resolve(image: string): ResolvedImage {
    const ref = parseReference(image);
    const hub = ref.registry === 'docker.io';
    const baseUrl = hub
      ? (this.opts.dockerHubUrl ?? DOCKER_HUB_API)
      : `${/^(localhost|127\.|\[::1\])/.test(ref.registry) ? 'http' : 'https'}://${ref.registry}`;
    const display = hub && this.opts.dockerHubUrl ? `${image} (at ${new URL(baseUrl).host})` : image;
    return { ref, baseUrl, display };
  }

  client(baseUrl: string, anonymous: boolean): RegistryClient {
    const credentials = !anonymous && baseUrl === (this.opts.dockerHubUrl ?? DOCKER_HUB_API) ? this.opts.credentials : undefined;
    const key = `${baseUrl} ${credentials ? 'auth' : 'anon'}`;
    let c = this.clients.get(key);
    if (!c) {
      c = new RegistryClient({ baseUrl, ...(credentials ? { credentials } : {}), ...(this.opts.timeoutMs ? { timeoutMs: this.opts.timeoutMs } : {}) });
      this.clients.set(key, c);
    }
    return c;
  }

  /** Whether the tag exists (manifest HEAD: on Docker Hub it does not count as a pull). */
  head(image: string, anonymous: boolean, signal?: AbortSignal): Promise<{ digest?: string; mediaType?: string }> {
    const { ref, baseUrl } = this.resolve(image);
    return this.reads.once(`head ${anonymous} ${image}`, () => this.client(baseUrl, anonymous).headManifest(ref.repository, ref.reference, signal));
  }

  /** Manifest and config of the image for the engine's platform. */
  pull(image: string, anonymous: boolean, signal?: AbortSignal): Promise<PulledImage> {
    const { ref, baseUrl } = this.resolve(image);
    return this.reads.once(`pull ${anonymous} ${image}`, async () => {
      const client = this.client(baseUrl, anonymous);
      const { digest, manifest } = await client.imageManifest(ref.repository, ref.reference, this.platform, signal);
      const config = await client.imageConfig(ref.repository, manifest.config, signal);
      return { digest, manifest, config };
    });
  }

  openLayer(image: string, anonymous: boolean, layer: Descriptor, signal?: AbortSignal) {
    const { ref, baseUrl } = this.resolve(image);
    return this.client(baseUrl, anonymous).openBlob(ref.repository, layer, signal);
  }

  rateLimit(image: string, anonymous: boolean) {
    const { baseUrl } = this.resolve(image);
    return this.client(baseUrl, anonymous).rateLimit;
  }
}
