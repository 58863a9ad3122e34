import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SpecError } from '../errors/setup-error';
import { expandPattern, loadClassFile, loadHostsFile, shardOf } from './hosts-file';

const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-hosts-'));
let n = 0;
const file = (text: string) => {
  const f = path.join(dir, `hosts${n++}.yaml`);
  writeFileSync(f, text);
  return f;
};
const problems = (text: string) => {
  try {
    loadHostsFile(file(text));
  } catch (e) {
    return (e as SpecError).problems.map((p) => `${p.line}:${p.col} ${p.path}: ${p.message}`);
  }
  return [];
};

describe('hosts file', () => {
  test('defaults, per-student overrides, and the devops{1..3} shorthand', () => {
    const hosts = loadHostsFile(
      file(`defaults:
  user: centos
  identityFile: keys/course_key
  vars: { course: olss }
hosts:
  - { id: s01, name: Alice Example, host: vm-a.example.org, vars: { dockerhub_user: alice } }
  - { id: s02, host: vm-b.example.org, port: 2222, user: root }
  - pattern: devops{1..3}.cloud.example.org
`),
    );
    expect(hosts.map((h) => [h.id, h.name, h.host, h.port, h.user])).toEqual([
      ['s01', 'Alice Example', 'vm-a.example.org', 22, 'centos'],
      ['s02', 's02', 'vm-b.example.org', 2222, 'root'],
      ['devops1', 'devops1', 'devops1.cloud.example.org', 22, 'centos'],
      ['devops2', 'devops2', 'devops2.cloud.example.org', 22, 'centos'],
      ['devops3', 'devops3', 'devops3.cloud.example.org', 22, 'centos'],
    ]);
    expect(hosts[0]!.identityFile).toBe(path.join(dir, 'keys', 'course_key'));
    expect(hosts[0]!.vars).toEqual({ course: 'olss', dockerhub_user: 'alice' });
  });

  test('a class file: hosts and students without one; batch grades the hosts only', () => {
    const f = file(`hosts:
  - { id: s01, name: Alice Example, host: vm-a.example.org }
students:
  - { id: s90, name: Zoe Laptop }
  - { id: s91 }
`);
    expect(loadClassFile(f).map((m) => [m.id, m.name, m.host?.host])).toEqual([
      ['s01', 'Alice Example', 'vm-a.example.org'],
      ['s90', 'Zoe Laptop', undefined],
      ['s91', 's91', undefined],
    ]);
    expect(loadHostsFile(f).map((h) => h.id)).toEqual(['s01']);
    expect(() => loadHostsFile(file('students:\n  - { id: s90 }\n'))).toThrow(/lists no hosts/);
    expect(problems('hosts:\n  - { id: s01, host: a }\nstudents:\n  - { id: s01 }\n')).toEqual([
      "4:5 students[0]: duplicate student id 's01' (first at hosts[0])",
    ]);
  });

  test('zero-padded ranges keep their width', () => {
    expect(expandPattern('vm{08..11}')).toEqual(['vm08', 'vm09', 'vm10', 'vm11']);
  });

  test('problems at file:line:col, like exercise specs', () => {
    expect(
      problems(`hosts:
  - { id: s01, name: A }
  - { id: s02, host: h, prot: 22 }
  - { id: s01, host: h2 }
`),
    ).toEqual(['2:5 hosts[0]: needs one of: id + host, pattern', "3:25 hosts[1].prot: unknown property 'prot' (did you mean 'port'?)"]);
    expect(problems(`hosts:\n  - { id: s01, host: a }\n  - { id: s01, host: b }\n`)).toEqual(["3:5 hosts[1]: duplicate host id 's01' (first at hosts[0])"]);
    expect(problems('defaults: { user: x }\n')).toEqual(['1:1 : needs one of: hosts, students']);
  });

  test('shards: contiguous slices that together hold every host once', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const shards = [1, 2, 3].map((k) => shardOf(items, k, 3));
    expect(shards).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(shards.flat()).toEqual(items);
  });
});

describe('ids derived from a pattern', () => {
  test('127.0.0.{3..5} gives distinct ids: the whole addresses, since their first label is the same', () => {
    const hosts = loadHostsFile(file('hosts:\n  - pattern: 127.0.0.{3..5}\n'));
    expect(hosts.map((h) => [h.id, h.host])).toEqual([
      ['127.0.0.3', '127.0.0.3'],
      ['127.0.0.4', '127.0.0.4'],
      ['127.0.0.5', '127.0.0.5'],
    ]);
  });

  test('are checked like written ids: an id that is empty or not an id is a file:line error', () => {
    expect(problems('hosts:\n  - pattern: "-{1..2}.lab.example.org"\n')).toEqual([
      "2:14 hosts[0].pattern: the pattern gives the host id '-1'; ids are letters, digits, '.', '_' and '-', starting with a letter or digit",
      "2:14 hosts[0].pattern: the pattern gives the host id '-2'; ids are letters, digits, '.', '_' and '-', starting with a letter or digit",
    ]);
    expect(problems('hosts:\n  - pattern: ".{7..7}.lab"\n')).toEqual([
      "2:14 hosts[0].pattern: the pattern gives the host id ''; ids are letters, digits, '.', '_' and '-', starting with a letter or digit",
    ]);
    expect(problems('hosts:\n  - pattern: ".{1..2}"\n')).toEqual([
      "2:14 hosts[0].pattern: the pattern gives the host id '.1'; ids are letters, digits, '.', '_' and '-', starting with a letter or digit",
      "2:14 hosts[0].pattern: the pattern gives the host id '.2'; ids are letters, digits, '.', '_' and '-', starting with a letter or digit",
    ]);
  });

  test('a duplicate of a written id is reported at the pattern line', () => {
    expect(problems('hosts:\n  - { id: devops2, host: vm.example.org }\n  - pattern: devops{1..3}.lab.example.org\n')).toEqual([
      "3:14 hosts[1].pattern: duplicate host id 'devops2' (first at hosts[0])",
    ]);
  });

  test('a pattern of more hosts than any class is an error, not thousands of connections', () => {
    expect(problems('hosts:\n  - pattern: vm{1..100000}.example.org\n')).toEqual(['2:14 hosts[0].pattern: the pattern gives more than 1000 hosts']);
  });
});

test('a pattern holds one range: two would multiply past any cap', () => {
  expect(problems('hosts:\n  - pattern: vm{1..999}-{1..999}.example.org\n')).toEqual([
    '2:14 hosts[0].pattern: must match pattern "^[^{}]*\\{\\d+\\.\\.\\d+\\}[^{}]*$"',
  ]);
});
