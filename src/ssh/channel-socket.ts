import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';

/**
 * A socket handed to http.Agent at once, wired to an SSH channel when it opens.
 * Node 20's http.Agent ignores maxSockets when createConnection answers
 * asynchronously, so the connection must exist before its channel does.
 */
export class ChannelSocket extends Duplex {
  private channel: ClientChannel | undefined;
  private waiting: { chunk: Buffer; done: (e?: Error | null) => void }[] = [];
  private ending = false;
  /** What the remote command said on stderr (why a dial-stdio failed). */
  stderr = '';

  attach(channel: ClientChannel): void {
    if (this.destroyed) {
      channel.close();
      return;
    }
    this.channel = channel;
    channel.on('data', (d: Buffer) => {
      if (!this.push(d)) channel.pause();
    });
    channel.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4096)));
    channel.on('end', () => this.push(null));
    channel.on('close', () => this.destroy());
    channel.on('error', (e: Error) => this.destroy(e));
    for (const w of this.waiting.splice(0)) channel.write(w.chunk, w.done);
    if (this.ending) channel.end();
  }

  override _read(): void {
    this.channel?.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    if (this.channel) this.channel.write(chunk, done);
    else this.waiting.push({ chunk, done });
  }

  override _final(done: (e?: Error | null) => void): void {
    if (this.channel) this.channel.end();
    else this.ending = true;
    done();
  }

  override _destroy(err: Error | null, done: (e: Error | null) => void): void {
    this.channel?.close();
    for (const w of this.waiting.splice(0)) w.done(err ?? new Error('connection closed'));
    done(err);
  }

  // What http.Agent and undici call on a net.Socket; a channel has no such knobs.
  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setTimeout(ms: number, cb?: () => void): this {
    if (cb) this.once('timeout', cb);
    void ms;
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}
