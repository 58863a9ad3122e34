import type { ExampleSpec } from '../exercise/exercise';

/**
 * The images an example's commands use without making them: what `grade test`
 * must find on the engine before it starts, since it never pulls. Read from
 * the typed lines (`docker run`/`create` and their image, `docker tag SOURCE`),
 * the Dockerfiles' FROM and the compose files' `image:`; a name the same setup
 * builds, commits or tags is made, not needed.
 */
export function neededImages(example: Pick<ExampleSpec, 'setup'>, files: Readonly<Record<string, string>> = {}): string[] {
  const needed = new Set<string>();
  const made = new Set<string>();
  for (const line of example.setup.split('\n')) {
    // A command substitution ($(docker ps -lq)) is one word, whatever it holds.
    for (const command of line.replace(/\$\([^()]*\)/g, '$SUBSTITUTION').split(/&&|\|\||;|\|/)) readDockerCommand(shellWords(command), needed, made);
  }
  for (const [name, text] of Object.entries(files)) {
    if (/(^|\/)([^/]*\.)?Dockerfile(\.[^/]*)?$/i.test(name)) {
      const stages = new Set<string>();
      for (const m of text.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/gim)) {
        if (!stages.has(m[1]!.toLowerCase())) needed.add(m[1]!);
        if (m[2]) stages.add(m[2].toLowerCase());
      }
    } else if (/(^|\/)(docker-)?compose[^/]*\.ya?ml$/i.test(name)) {
      for (const m of text.matchAll(/^\s*image:\s*['"]?([^'"\s#]+)/gm)) needed.add(m[1]!);
    }
  }
  return [...needed].filter((image) => !made.has(image) && !made.has(withoutLatest(image)) && !image.includes('$'));
}

const withoutLatest = (image: string) => image.replace(/:latest$/, '');

/** Options of docker run/create that take a value as the next word (`-p 8080:80`); the others are flags. */
const RUN_OPTIONS_WITH_VALUE = new Set(
  (
    '-a --attach --add-host --blkio-weight --cap-add --cap-drop --cgroup-parent --cidfile -c --cpu-shares --cpus --cpuset-cpus ' +
    '--cpuset-mems --device --dns --dns-option --dns-search --entrypoint -e --env --env-file --expose --gpus --group-add ' +
    '--health-cmd --health-interval --health-retries --health-timeout -h --hostname --ip --ip6 --ipc --isolation -l --label ' +
    '--label-file --link --log-driver --log-opt --mac-address -m --memory --memory-reservation --memory-swap --mount --name ' +
    '--network --net --network-alias --pid --platform -p --publish --pull --restart --runtime --security-opt --shm-size ' +
    '--stop-signal --stop-timeout --storage-opt --sysctl --tmpfs --ulimit -u --user --userns --uts -v --volume --volumes-from -w --workdir'
  ).split(' '),
);

function readDockerCommand(words: string[], needed: Set<string>, made: Set<string>): void {
  if (words[0] !== 'docker') return;
  let rest = words.slice(1);
  if (rest[0] === 'container' || rest[0] === 'image') rest = rest.slice(1);
  const [verb, ...args] = rest;
  const positional = (takesValue: (option: string) => boolean) => {
    const out: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.startsWith('-') && a !== '-') {
        if (!a.includes('=') && takesValue(a)) i++;
      } else out.push(a);
    }
    return out;
  };
  if (verb === 'run' || verb === 'create') {
    // Combined short flags (-itd) take no value; -p and friends are spelled alone.
    const image = positional((o) => RUN_OPTIONS_WITH_VALUE.has(o))[0];
    if (image) needed.add(image);
  } else if (verb === 'build') {
    args.forEach((a, i) => {
      if ((a === '-t' || a === '--tag') && args[i + 1]) made.add(withoutLatest(args[i + 1]!));
      else if (a.startsWith('--tag=')) made.add(withoutLatest(a.slice(6)));
    });
  } else if (verb === 'commit') {
    const [, name] = positional((o) => ['-a', '--author', '-c', '--change', '-m', '--message'].includes(o));
    if (name) made.add(withoutLatest(name));
  } else if (verb === 'tag') {
    const [source, name] = positional(() => false);
    if (source) needed.add(source);
    if (name) made.add(withoutLatest(name));
  }
}

/** The words of one command as the shell splits them: quotes joined, their marks removed. */
function shellWords(command: string): string[] {
  const words: string[] = [];
  for (const m of command.matchAll(/(?:[^\s'"]+|'[^']*'|"(?:\\.|[^"\\])*")+/g)) words.push(m[0].replace(/'([^']*)'|"((?:\\.|[^"\\])*)"/g, '$1$2'));
  return words;
}
