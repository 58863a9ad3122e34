import { extract as tarExtract, type ExtractEvents } from 'tar-stream';

type Entry = ExtractEvents['entry'];

/** Past this many bytes of file content, or this many entries, a listing is left to a probe (a volume of data is no exercise's). */
const MAX_CONTENT_BYTES = 4 * 1024 * 1024;
const MAX_ENTRIES = 2_000;

/**
 * What `ls -A` shows of a folder, from the engine's archive of it (`docker cp
 * CONTAINER:/dir -`: the folder itself first, `dir/`, then everything under it,
 * `dir/name…`): the names right inside it, in `ls`'s order in the C locale
 * (byte order). Undefined when the archive does not start with a folder, or is
 * too big to walk through cheaply.
 */
export function topLevelEntries(tar: NodeJS.ReadableStream): Promise<string[] | undefined> {
  const names = new Set<string>();
  let root: string | undefined;
  let bytes = 0;
  let entries = 0;
  return readArchive<string[] | undefined>(
    tar,
    (header, body, next, settle) => {
      entries++;
      bytes += header.size ?? 0;
      if (root === undefined) {
        if (header.type !== 'directory') return settle(undefined);
        root = header.name.replace(/\/*$/, '/');
      } else if (header.name.startsWith(root)) {
        const first = header.name.slice(root.length).split('/')[0];
        if (first) names.add(first);
      }
      if (bytes > MAX_CONTENT_BYTES || entries > MAX_ENTRIES) return settle(undefined);
      body.on('end', next);
      body.resume();
    },
    () => (root === undefined ? undefined : [...names].sort(byteOrder)),
  );
}

/**
 * Reads a tar stream (the engine's archive of a path) entry by entry until
 * `onEntry` settles the answer, or the archive ends (`atEnd`: the answer, or
 * the error to throw); then nothing more is read, and the rest of the archive
 * (and the request) is dropped.
 */
export async function readArchive<T>(
  tar: NodeJS.ReadableStream,
  onEntry: (header: Entry[0], body: Entry[1], next: Entry[2], settle: (value: T) => void) => void,
  atEnd: () => T | Error,
): Promise<T> {
  const extract = tarExtract();
  const done = new Promise<T>((resolve, reject) => {
    extract.on('entry', (header, body, next) => onEntry(header, body, next, resolve));
    extract.once('finish', () => {
      const end = atEnd();
      if (end instanceof Error) reject(end);
      else resolve(end);
    });
    extract.once('error', reject);
    tar.once('error', reject);
  });
  tar.pipe(extract);
  try {
    return await done;
  } finally {
    (tar as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    extract.destroy();
  }
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
