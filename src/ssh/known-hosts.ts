import { createHmac } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** How OpenSSH names a host in known_hosts: `host`, or `[host]:port` off port 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export type HostKeyVerdict = 'match' | 'unknown' | 'changed' | 'revoked';

interface Line {
  marker?: string;
  patterns: string;
  keyType: string;
  key: string;
}

function parse(text: string): Line[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const parts = l.split(/\s+/);
      const marker = parts[0]!.startsWith('@') ? parts.shift() : undefined;
      return { ...(marker ? { marker } : {}), patterns: parts[0] ?? '', keyType: parts[1] ?? '', key: parts[2] ?? '' };
    });
}

/** `|1|salt|hash` (HashKnownHosts) or a comma-separated list of names (no wildcards: grade never writes them). */
function namesMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) {
    const [, , salt, hash] = patterns.split('|');
    return (
      createHmac('sha1', Buffer.from(salt ?? '', 'base64'))
        .update(name)
        .digest('base64') === hash
    );
  }
  return patterns.split(',').some((p) => p === name);
}

/**
 * A known_hosts file as OpenSSH keeps it. A host is `changed` when lines name
 * it but none holds this key: the one case grade always refuses.
 */
export class KnownHosts {
  constructor(readonly file: string) {}

  private lines(): Line[] {
    return existsSync(this.file) ? parse(readFileSync(this.file, 'utf8')) : [];
  }

  verify(host: string, port: number, keyType: string, keyBase64: string): HostKeyVerdict {
    const name = knownHostsName(host, port);
    const mine = this.lines().filter((l) => namesMatch(l.patterns, name));
    if (mine.some((l) => l.marker === '@revoked' && l.key === keyBase64)) return 'revoked';
    const plain = mine.filter((l) => !l.marker);
    if (plain.some((l) => l.keyType === keyType && l.key === keyBase64)) return 'match';
    return plain.length ? 'changed' : 'unknown';
  }

  /** Trust on first use (--accept-new): one line, as `ssh -o StrictHostKeyChecking=accept-new` writes it. */
  add(host: string, port: number, keyType: string, keyBase64: string): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${knownHostsName(host, port)} ${keyType} ${keyBase64}\n`, { mode: 0o600 });
  }
}
