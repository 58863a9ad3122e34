import type { BuildMessage } from '../../docker/engine';

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/**
 * What a build printed, collected from the engine's build stream. The text
 * mixes the engine's own lines with the output of the student's RUN steps,
 * so ids read from it are only candidates: `RUN echo ' ---> Running in
 * portainer'` prints exactly what the engine would. The sandbox checks every
 * candidate against the engine before anything is removed.
 */
export class BuildTranscript {
  private readonly lines: string[] = [];
  /** The engine's error message, when the build failed. */
  error?: string;
  /** The built image, as the engine announced it (not from the text). */
  imageId?: string;

  take(m: BuildMessage): void {
    if (m.stream) this.lines.push(m.stream);
    if (m.status) this.lines.push(`${m.status}\n`);
    if (m.error || m.errorDetail) this.error = m.errorDetail?.message ?? m.error;
    if (m.aux?.ID) this.imageId = m.aux.ID;
  }

  get text(): string {
    return this.lines.join('').replace(ANSI, '');
  }

  /** Ids the text names as step containers and committed layers: to be checked, never trusted. */
  candidates(): { containers: string[]; images: string[] } {
    const text = this.text;
    return {
      containers: [...text.matchAll(/ ---> Running in ([0-9a-f]{12,64})\b/g)].map((m) => m[1]!),
      images: [...text.matchAll(/ ---> ([0-9a-f]{12,64})\b/g)].map((m) => m[1]!),
    };
  }
}
