import type { WaitStrategy } from 'testcontainers';

type ReadyArgs = Parameters<WaitStrategy['waitUntilReady']>;
export type WaitedContainer = ReadyArgs[0];

/** What became of one container while waiting for it. */
export interface Readiness {
  containerId: string;
  ready: boolean;
  /** Why it is not ready (the wait strategy's own words). */
  reason?: string;
}

/**
 * Wraps testcontainers' wait strategies so that a container that never gets
 * ready is recorded instead of removed (testcontainers removes it and throws):
 * grading a broken repository should still look at the container as it is —
 * its ports, its logs — and the step check reports the readiness failure.
 */
export class RecordingWait implements WaitStrategy {
  readonly outcomes: Readiness[] = [];
  private startupTimeoutMs = 60_000;
  private timeoutSet = false;

  /** `choose` picks testcontainers' strategy for a container (health check or listening ports). */
  constructor(private readonly choose: (container: WaitedContainer) => Promise<WaitStrategy>) {}

  async waitUntilReady(container: WaitedContainer, boundPorts: ReadyArgs[1], startTime?: ReadyArgs[2]): Promise<void> {
    try {
      const inner = (await this.choose(container)).withStartupTimeout(this.startupTimeoutMs);
      await inner.waitUntilReady(container, boundPorts, startTime);
      this.outcomes.push({ containerId: container.id, ready: true });
    } catch (e) {
      this.outcomes.push({ containerId: container.id, ready: false, reason: (e as Error).message });
    }
  }

  withStartupTimeout(ms: number): this {
    this.startupTimeoutMs = ms;
    this.timeoutSet = true;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return this.timeoutSet;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}
