/** Where grade board serves unless --listen says otherwise (kept apart so the CLI's help needs no board code). */
export const DEFAULT_LISTEN = '127.0.0.1:8700';

/** Loopback names and addresses: traffic that never leaves the machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\./.test(h);
}

/** A board URL that would carry a token or the instructor secret in clear over a network. */
export function sendsInClear(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && !isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}
