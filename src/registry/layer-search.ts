import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { linkedAbort } from '../time/deadline';

/** A layer's bytes and media type (…tar, …tar+gzip, …tar.gzip, …tar+zstd), from the registry or a test. */
export type LayerOpener = (index: number) => Promise<{ stream: Readable; mediaType: string }>;

type Kind = 'file' | 'dir' | 'symlink' | 'other';

interface Rec {
  layer: number;
  kind: Kind | 'whiteout';
  target?: string;
}

export interface PathSearchResult {
  found: boolean;
  /** The path that resolved to a file, and the symlinks followed to get there. */
  path?: string;
  via?: string[];
  /** Index (0 = top) of the layer holding the file. */
  layer?: number;
  layersRead: number;
  layersTotal: number;
  compressedBytesRead: number;
}

const MAX_LINKS = 16;

function clean(name: string): string {
  return name.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
}

function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function joinLink(from: string, target: string): string {
  const base = target.startsWith('/') ? [] : parentOf(from).split('/').filter(Boolean);
  for (const part of target.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') base.pop();
    else base.push(part);
  }
  return base.join('/');
}

function prefixes(p: string): string[] {
  const parts = p.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/**
 * Whether any of `candidates` (absolute paths) is a file in an image, read
 * from its layers as the registry serves them (top layer first), applying
 * overlay rules: an upper layer's entry hides lower ones, `.wh.<name>` deletes
 * a path, `.wh..wh..opq` hides a folder's lower contents; symlinks (of the
 * file or of any parent folder, as in usr-merged distributions) are followed.
 *
 * Layers are streamed (gunzip → tar) and entry contents skipped, so memory does
 * not grow with layer size; the download stops as soon as the answer is certain.
 */
export async function searchLayers(candidates: string[], layerCount: number, open: LayerOpener, signal?: AbortSignal): Promise<PathSearchResult> {
  /** Paths whose entries are recorded, with the layers already read while they were wanted. */
  const wanted = new Map<string, Set<number>>();
  const records = new Map<string, Rec>(); // top-most record per wanted path
  const symlinks = new Map<string, Rec>(); // every symlink seen, top-most
  const whiteouts = new Map<string, number>(); // path → top-most layer deleting it
  const opaque = new Map<string, number>(); // folder → top-most layer hiding its lower contents
  const read = new Set<number>();
  let compressedBytesRead = 0;

  const want = (p: string) => {
    for (const q of [...prefixes(p), p]) if (!wanted.has(q)) wanted.set(q, new Set());
  };
  candidates.map(clean).forEach(want);

  /** The top-most thing known at `p` that no ancestor's whiteout or opaque marker hides. */
  const topAt = (p: string): Rec | undefined => {
    const options: Rec[] = [];
    const r = records.get(p);
    if (r) options.push(r);
    const s = symlinks.get(p);
    if (s) options.push(s);
    const w = whiteouts.get(p);
    if (w !== undefined) options.push({ layer: w, kind: 'whiteout' });
    const best = options.sort((a, b) => a.layer - b.layer)[0];
    if (!best) return undefined;
    for (const a of prefixes(p)) {
      const hidden = Math.min(whiteouts.get(a) ?? Infinity, opaque.get(a) ?? Infinity);
      if (hidden < best.layer) return { layer: hidden, kind: 'whiteout' };
    }
    return best;
  };

  const allRead = () => read.size === layerCount;

  /** found / absent when certain with what has been read; unknown otherwise. */
  const resolve = (start: string): { state: 'found' | 'absent' | 'unknown'; path?: string; via: string[]; layer?: number } => {
    let p = clean(start);
    const via: string[] = [];
    for (let hops = 0; hops <= MAX_LINKS; hops++) {
      want(p);
      let restarted = false;
      for (const a of prefixes(p)) {
        const rec = topAt(a);
        if (rec?.kind === 'whiteout') return { state: 'absent', via };
        if (rec?.kind === 'symlink') {
          via.push(`/${a} → ${rec.target}`);
          p = joinLink(a, rec.target!) + p.slice(a.length);
          restarted = true;
          break;
        }
        if (!rec && !allRead()) return { state: 'unknown', via };
      }
      if (restarted) continue;
      const rec = topAt(p);
      if (!rec) return { state: allRead() ? 'absent' : 'unknown', via };
      if (rec.kind === 'whiteout') return { state: 'absent', via };
      if (rec.kind === 'symlink') {
        via.push(`/${p} → ${rec.target}`);
        p = joinLink(p, rec.target!);
        continue;
      }
      if (rec.kind === 'dir') return { state: 'absent', via };
      return { state: 'found', path: `/${p}`, via, layer: rec.layer };
    }
    return { state: 'absent', via }; // a symlink loop
  };

  const foundNow = () => candidates.some((c) => resolve(c).state === 'found');

  /** Reads one layer; with `only`, records just those paths (a rescan for newly wanted paths). */
  const scan = async (layer: number, only?: Set<string>): Promise<'read' | 'stopped'> => {
    const { stream, mediaType } = await open(layer);
    if (/zstd/.test(mediaType)) {
      stream.destroy();
      throw new Error(`layer ${layer} is zstd-compressed (${mediaType}), which this grader cannot read`);
    }
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        compressedBytesRead += chunk.length;
        done(null, chunk);
      },
    });
    const extract = tar.extract();
    const stop = linkedAbort(signal);
    const decide = async () => {
      for await (const entry of extract) {
        const name = clean(entry.header.name);
        const base = name.slice(name.lastIndexOf('/') + 1);
        if (!only) {
          if (base === '.wh..wh..opq') {
            const dir = parentOf(name);
            if (!opaque.has(dir)) opaque.set(dir, layer);
          } else if (base.startsWith('.wh.')) {
            const gone = `${parentOf(name) ? `${parentOf(name)}/` : ''}${base.slice(4)}`;
            if (!whiteouts.has(gone)) whiteouts.set(gone, layer);
          } else if (entry.header.type === 'symlink' && !symlinks.has(name)) {
            symlinks.set(name, { layer, kind: 'symlink', target: entry.header.linkname ?? '' });
          }
        }
        entry.resume();
        if ((only ?? wanted).has(name) && !records.has(name)) {
          const t = entry.header.type;
          const kind: Kind =
            t === 'file' || t === 'contiguous-file' || t === 'link' ? 'file' : t === 'directory' ? 'dir' : t === 'symlink' ? 'symlink' : 'other';
          records.set(name, { layer, kind, ...(kind === 'symlink' ? { target: entry.header.linkname ?? '' } : {}) });
          // Upper layers are all read, so a file found now is certain: stop the download here.
          if (kind === 'file' && !only && foundNow()) {
            stop.abort();
            return 'stopped' as const;
          }
        }
      }
      return 'read' as const;
    };
    const gunzip = mediaType.endsWith('gzip');
    const flow = pipeline([stream, count, ...(gunzip ? [createGunzip()] : []), extract], {
      signal: stop.signal,
    });
    const [, outcome] = await Promise.all([
      flow.catch((e: unknown) => {
        if (!stop.signal.aborted || signal?.aborted) throw e;
      }),
      decide(),
    ]).finally(() => stop.dispose());
    if (outcome === 'read') {
      for (const p of only ?? wanted.keys()) wanted.get(p)?.add(layer);
      read.add(layer);
    }
    return outcome;
  };

  const evaluate = () => {
    const results = candidates.map((c) => ({ c, r: resolve(c) }));
    const hit = results.find((x) => x.r.state === 'found');
    if (hit) return { done: true, hit };
    return { done: results.every((x) => x.r.state === 'absent'), hit: undefined };
  };

  /** Resolving can reveal new paths (symlink targets) that upper layers, already read, may hold. */
  const settle = async () => {
    for (;;) {
      const result = evaluate();
      const stale = [...read].map((layer) => ({ layer, missing: new Set([...wanted].filter(([, seen]) => !seen.has(layer)).map(([p]) => p)) }));
      const todo = stale.filter((x) => x.missing.size);
      if (!todo.length) return result;
      for (const { layer, missing } of todo) await scan(layer, missing);
    }
  };

  const report = (hit: ReturnType<typeof evaluate>['hit'], partial = 0): PathSearchResult => ({
    found: Boolean(hit),
    ...(hit ? { path: hit.r.path!, via: hit.r.via, layer: hit.r.layer! } : {}),
    layersRead: read.size + partial,
    layersTotal: layerCount,
    compressedBytesRead,
  });

  for (let layer = 0; layer < layerCount; layer++) {
    // A layer left midway counts as read: its bytes up to the file were.
    if ((await scan(layer)) === 'stopped') return report(evaluate().hit, 1);
    const { done, hit } = await settle();
    if (done) return report(hit);
  }
  return report((await settle()).hit);
}
