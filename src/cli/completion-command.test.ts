import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryIo } from '../../test/support/memory-io';
import { main } from './main';

async function script(shell: string): Promise<string> {
  const { io, out } = memoryIo(os.tmpdir());
  expect(await main(['completion', shell], io)).toBe(0);
  return out.stdout;
}

/** What bash offers after `words` (the last one being completed), the way bash calls the function. */
function bashCompletes(file: string, words: string[]): string[] {
  const program = `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _grade_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', program, 'bash', file, ...words], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
}

describe('grade completion', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'grade-completion-'));

  test('bash: valid syntax; completes exercise ids, commands, a command’s options, --format values and help topics', async () => {
    const file = path.join(dir, 'grade.bash');
    writeFileSync(file, await script('bash'));
    execFileSync('bash', ['-n', file]);
    expect(bashCompletes(file, ['grade', 'web_'])).toEqual(['web_server']);
    expect(bashCompletes(file, ['grade', 'va'])).toEqual(['validate']);
    expect(bashCompletes(file, ['grade', 'list', '--k'])).toEqual(['--kinds']);
    expect(bashCompletes(file, ['grade', 'web_server', '--format', 'ju'])).toEqual(['junit']);
    expect(bashCompletes(file, ['grade', 'help', 'ba'])).toEqual(['batch']);
    expect(bashCompletes(file, ['grade', 'batch', 'hosts.yaml', 'port'])).toEqual(['portainer']);
    // Every option of `grade repo` is offered, taken from the command itself.
    expect(bashCompletes(file, ['grade', 'repo', '--'])).toEqual(expect.arrayContaining(['--pass-mark', '--step-timeout', '--json', '--help']));
  });

  test('zsh and fish: the same commands, options and exercise ids', async () => {
    const zsh = await script('zsh');
    expect(zsh.startsWith('#compdef grade\n')).toBe(true);
    // zsh's case/for syntax is bash's here: bash -n checks what it can.
    execFileSync('bash', ['-n', '-c', zsh.replace(/^if \[ "\$funcstack.*$/m, '')]);
    expect(zsh).toMatch(/""\) compadd -- list validate .* web_server .* --watch/);
    // Where zsh is installed (not on every CI image), zsh itself checks it and registers it with compinit.
    const hasZsh = spawnSync('zsh', ['--version']).status === 0;
    if (hasZsh) {
      const file = path.join(dir, '_grade');
      writeFileSync(file, zsh);
      execFileSync('zsh', ['-n', file]);
      expect(execFileSync('zsh', ['-c', `autoload -U compinit; compinit -u; source ${file}; print -r -- $_comps[grade]`], { encoding: 'utf8' }).trim()).toBe(
        '_grade',
      );
    }
    const fish = await script('fish');
    expect(fish).toContain(
      "complete -c grade -n 'not __fish_seen_subcommand_from list validate test new batch repo merge init report board completion help' -a web_server -d exercise",
    );
    expect(fish).toContain("complete -c grade -n '__fish_seen_subcommand_from list' -l kinds -d 'list the check kinds instead'");
    expect(fish).toMatch(/-l lang -x -a 'en it'/);
  });

  test('an unknown shell: one line, exit 2', async () => {
    const { io, out } = memoryIo(dir);
    expect(await main(['completion', 'tcsh'], io)).toBe(2);
    expect(out.stderr).toBe('grade: unknown shell "tcsh" for grade completion — choose one of: bash, zsh, fish\n');
  });
});
