import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KnownHosts } from './known-hosts';

const file = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'grade-kh-')), 'known_hosts');
const hashed = (name: string) => {
  const salt = Buffer.from('0123456789abcdefghij');
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
};

test('match, unknown, changed, revoked; ports in brackets; hashed names', () => {
  const f = file();
  writeFileSync(
    f,
    [
      '# comment',
      'devops1.example.org ssh-ed25519 AAAAKEY1',
      '[127.0.0.1]:2222,other ssh-ed25519 AAAAKEY2',
      `${hashed('devops3.example.org')} ssh-ed25519 AAAAKEY3`,
      '@revoked devops4.example.org ssh-ed25519 AAAABAD',
      'devops4.example.org ssh-ed25519 AAAABAD',
    ].join('\n'),
  );
  const kh = new KnownHosts(f);
  expect(kh.verify('devops1.example.org', 22, 'ssh-ed25519', 'AAAAKEY1')).toBe('match');
  expect(kh.verify('devops1.example.org', 22, 'ssh-ed25519', 'AAAAOTHER')).toBe('changed');
  expect(kh.verify('devops1.example.org', 2200, 'ssh-ed25519', 'AAAAKEY1')).toBe('unknown');
  expect(kh.verify('127.0.0.1', 2222, 'ssh-ed25519', 'AAAAKEY2')).toBe('match');
  expect(kh.verify('devops3.example.org', 22, 'ssh-ed25519', 'AAAAKEY3')).toBe('match');
  expect(kh.verify('devops4.example.org', 22, 'ssh-ed25519', 'AAAABAD')).toBe('revoked');
  expect(kh.verify('nowhere', 22, 'ssh-ed25519', 'AAAAKEY1')).toBe('unknown');
});

test('accept-new appends one OpenSSH line, and then it matches', () => {
  const f = file();
  const kh = new KnownHosts(f);
  kh.add('127.0.0.1', 2299, 'ssh-ed25519', 'AAAANEW');
  expect(readFileSync(f, 'utf8')).toBe('[127.0.0.1]:2299 ssh-ed25519 AAAANEW\n');
  expect(kh.verify('127.0.0.1', 2299, 'ssh-ed25519', 'AAAANEW')).toBe('match');
});
