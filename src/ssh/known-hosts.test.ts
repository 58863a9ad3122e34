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

describe('OpenSSH host patterns', () => {
  const kh = (...lines: string[]) => {
    const f = file();
    writeFileSync(f, `${lines.join('\n')}\n`);
    return new KnownHosts(f);
  };

  test('* and ? wildcards, case-insensitive, and [host]:port with wildcards', () => {
    const k = kh('*.lab.example.org ssh-ed25519 AAAALAB', 'vm?? ssh-ed25519 AAAAVM', '[10.0.0.*]:2222 ssh-ed25519 AAAAPORT');
    expect(k.verify('devops7.lab.example.org', 22, 'ssh-ed25519', 'AAAALAB')).toBe('match');
    expect(k.verify('DevOps7.LAB.example.org', 22, 'ssh-ed25519', 'AAAALAB')).toBe('match');
    expect(k.verify('devops7.lab.example.org', 22, 'ssh-ed25519', 'AAAAEVIL')).toBe('changed');
    expect(k.verify('lab.example.org', 22, 'ssh-ed25519', 'AAAALAB')).toBe('unknown');
    expect(k.verify('vm12', 22, 'ssh-ed25519', 'AAAAVM')).toBe('match');
    expect(k.verify('vm123', 22, 'ssh-ed25519', 'AAAAVM')).toBe('unknown');
    expect(k.verify('10.0.0.9', 2222, 'ssh-ed25519', 'AAAAPORT')).toBe('match');
    expect(k.verify('10.0.0.9', 22, 'ssh-ed25519', 'AAAAPORT')).toBe('unknown');
    // Dots are literal, not "any character".
    expect(k.verify('devops7xlabxexamplexorg', 22, 'ssh-ed25519', 'AAAALAB')).toBe('unknown');
  });

  test('a matching !negation rules the line out, whatever else in the list matches', () => {
    const k = kh('*.example.org,!admin.example.org ssh-ed25519 AAAAFLEET');
    expect(k.verify('devops1.example.org', 22, 'ssh-ed25519', 'AAAAFLEET')).toBe('match');
    expect(k.verify('admin.example.org', 22, 'ssh-ed25519', 'AAAAFLEET')).toBe('unknown');
    // A line of only negations matches nothing.
    expect(kh('!admin.example.org ssh-ed25519 AAAAX').verify('other.example.org', 22, 'ssh-ed25519', 'AAAAX')).toBe('unknown');
  });

  test('@revoked refuses the key for every host, whatever the pattern of its line', () => {
    const k = kh('@revoked *.nowhere.invalid ssh-ed25519 AAAABAD', 'devops1.example.org ssh-ed25519 AAAABAD', 'devops2.example.org ssh-ed25519 AAAAGOOD');
    expect(k.verify('devops1.example.org', 22, 'ssh-ed25519', 'AAAABAD')).toBe('revoked');
    expect(k.verify('somewhere.else', 2222, 'ssh-ed25519', 'AAAABAD')).toBe('revoked');
    expect(k.verify('devops2.example.org', 22, 'ssh-ed25519', 'AAAAGOOD')).toBe('match');
  });

  test('@cert-authority is refused with its own verdict, never treated as an unknown host', () => {
    const k = kh('@cert-authority *.example.org ssh-ed25519 AAAACA', 'pinned.example.org ssh-ed25519 AAAAPIN');
    expect(k.verify('devops1.example.org', 22, 'ssh-ed25519', 'AAAAHOSTKEY')).toBe('certAuthority');
    // A host with its own key listed is verified by that key as before.
    expect(k.verify('pinned.example.org', 22, 'ssh-ed25519', 'AAAAPIN')).toBe('match');
    expect(k.verify('other.org', 22, 'ssh-ed25519', 'AAAAHOSTKEY')).toBe('unknown');
  });
});
