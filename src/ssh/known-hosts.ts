import { createHmac } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeFolder } from '../files/make-folder';

/** How OpenSSH names a host in known_hosts: `host`, or `[host]:port` off port 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/**
 * `certAuthority`: no key of the host is listed, but an `@cert-authority` line
 * names it. grade does not check host certificates, and says so rather than
 * treating the host as unknown (which --accept-new would then trust).
 */
export type HostKeyVerdict = 'match' | 'unknown' | 'changed' | 'revoked' | 'certAuthority';

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

/** OpenSSH's wildcards: `*` any run of characters, `?` exactly one; everything else literal, case-insensitive. */
function wildcardMatches(pattern: string, name: string): boolean {
  const source = [...pattern].map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`, 'is').test(name);
}

/**
 * Whether a known_hosts host field names `name` (`host`, or `[host]:port`), as
 * OpenSSH's match_hostname decides: a hashed `|1|salt|hash` entry, or a comma
 * list of patterns with `*` and `?`, where a matching `!pattern` rules the line
 * out whatever else matches.
 */
export function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    return (
      createHmac('sha1', Buffer.from(salt ?? '', 'base64'))
        .update(name)
        .digest('base64') === hash
    );
  }
  let positive = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    if (!wildcardMatches(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    positive = true;
  }
  return positive;
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
    const lines = this.lines();
    // A revoked key is refused for every host, whatever names its line gives.
    if (lines.some((l) => l.marker === '@revoked' && l.key === keyBase64)) return 'revoked';
    const mine = lines.filter((l) => hostFieldMatches(l.patterns, name));
    const plain = mine.filter((l) => !l.marker);
    if (plain.some((l) => l.keyType === keyType && l.key === keyBase64)) return 'match';
    if (plain.length) return 'changed';
    return mine.some((l) => l.marker === '@cert-authority') ? 'certAuthority' : 'unknown';
  }

  /** Trust on first use (--accept-new): one line, as `ssh -o StrictHostKeyChecking=accept-new` writes it. */
  add(host: string, port: number, keyType: string, keyBase64: string): void {
    makeFolder(path.dirname(this.file));
    appendFileSync(this.file, `${knownHostsName(host, port)} ${keyType} ${keyBase64}\n`, { mode: 0o600 });
  }
}
