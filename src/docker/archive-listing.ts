import { extract as tarExtract } from 'tar-stream';

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
export async function topLevelEntries(tar: NodeJS.ReadableStream): Promise<string[] | undefined> {
  const extract = tarExtract();
  const names = new Set<string>();
  let root: string | undefined;
  let bytes = 0;
  let entries = 0;
  const done = new Promise<string[] | undefined>((resolve, reject) => {
    extract.on('entry', (header, body, next) => {
      entries++;
      bytes += header.size ?? 0;
      if (root === undefined) {
        if (header.type !== 'directory') return resolve(undefined);
        root = header.name.replace(/\/*$/, '/');
      } else if (header.name.startsWith(root)) {
        const first = header.name.slice(root.length).split('/')[0];
        if (first) names.add(first);
      }
      if (bytes > MAX_CONTENT_BYTES || entries > MAX_ENTRIES) return resolve(undefined);
      body.on('end', next);
      body.resume();
    });
    extract.once('finish', () => resolve(root === undefined ? undefined : [...names].sort(byteOrder)));
    extract.once('error', reject);
    tar.once('error', reject);
  });
  tar.pipe(extract);
  try {
    return await done;
  } finally {
    // Stopped early, nothing more is read: the rest of the archive (and the request) is dropped.
    (tar as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    extract.destroy();
  }
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
