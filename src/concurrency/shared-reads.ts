/**
 * Reads made once per key for as long as the holder lives (one grading run):
 * checks that ask for the same thing at the same time, or later, share the one
 * promise and cost one round trip. A failed read is shared too: every check
 * that asked sees the same answer, rather than one check retrying and
 * disagreeing with the others about the same object.
 */
export class SharedReads {
  private readonly reads = new Map<string, Promise<unknown>>();

  once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.reads.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.reads.set(key, p);
    }
    return p;
  }
}
