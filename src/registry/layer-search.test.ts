import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { searchLayers } from './layer-search';

type Entry = { name: string; type?: 'file' | 'directory' | 'symlink'; linkname?: string; size?: number; random?: boolean };

/** A gzipped layer tar, as a registry serves it. */
async function layer(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) {
    const header = { name: e.name, type: e.type ?? 'file', ...(e.linkname ? { linkname: e.linkname } : {}) };
    if (e.type === 'file' || !e.type) {
      const body = e.random ? randomBytes(e.size ?? 4) : Buffer.alloc(e.size ?? 4, 0x61);
      pack.entry({ ...header, size: body.length }, body);
    } else pack.entry(header);
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

/** Layers given top first, as searchLayers reads them; records which were opened. */
async function image(...layers: Entry[][]) {
  const blobs = await Promise.all(layers.map(layer));
  const opened: number[] = [];
  const open = async (i: number) => {
    opened.push(i);
    return { stream: Readable.from([blobs[i]!]), mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip' };
  };
  return { count: blobs.length, open, opened };
}

const dirs = (...names: string[]): Entry[] => names.map((name) => ({ name: `${name}/`, type: 'directory' }));

describe('finding a file in image layers', () => {
  test('a file in the top layer: found without reading the layers below', async () => {
    const img = await image([...dirs('usr', 'usr/bin'), { name: 'usr/bin/ping' }], [...dirs('usr', 'usr/bin', 'etc'), { name: 'etc/passwd' }]);
    const r = await searchLayers(['/usr/bin/ping'], img.count, img.open);
    expect(r).toMatchObject({ found: true, path: '/usr/bin/ping', layer: 0, layersRead: 1 });
    expect(img.opened).toEqual([0]);
  });

  test('deleted by a whiteout in an upper layer', async () => {
    const img = await image([...dirs('usr', 'usr/bin'), { name: 'usr/bin/.wh.ping' }], [...dirs('usr', 'usr/bin'), { name: 'usr/bin/ping' }]);
    expect(await searchLayers(['/usr/bin/ping'], img.count, img.open)).toMatchObject({ found: false, layersRead: 1 });
  });

  test('hidden by an opaque folder in an upper layer', async () => {
    const img = await image(
      [...dirs('usr', 'usr/bin'), { name: 'usr/bin/.wh..wh..opq' }, { name: 'usr/bin/other' }],
      [...dirs('usr', 'usr/bin'), { name: 'usr/bin/ping' }],
    );
    expect((await searchLayers(['/usr/bin/ping'], img.count, img.open)).found).toBe(false);
  });

  test('a usr-merged base: /bin is a symlink to usr/bin, ping installed later in usr/bin', async () => {
    const img = await image(
      [...dirs('usr', 'usr/bin'), { name: 'usr/bin/ping' }],
      [{ name: 'bin', type: 'symlink', linkname: 'usr/bin' }, ...dirs('usr', 'usr/bin')],
    );
    const r = await searchLayers(['/bin/ping'], img.count, img.open);
    expect(r).toMatchObject({ found: true, path: '/usr/bin/ping', via: ['/bin → usr/bin'] });
  });

  test('a symlink to a file in a lower layer (busybox applets)', async () => {
    const img = await image([...dirs('bin'), { name: 'bin/ping', type: 'symlink', linkname: 'busybox' }], [...dirs('bin'), { name: 'bin/busybox', size: 100 }]);
    expect(await searchLayers(['/bin/ping'], img.count, img.open)).toMatchObject({ found: true, path: '/bin/busybox', via: ['/bin/ping → busybox'], layer: 1 });
  });

  test('a dangling symlink is not a file', async () => {
    const img = await image([...dirs('bin'), { name: 'bin/ping', type: 'symlink', linkname: '/nowhere/ping' }]);
    expect((await searchLayers(['/bin/ping'], img.count, img.open)).found).toBe(false);
  });

  test('absent everywhere: every layer is read', async () => {
    const img = await image([...dirs('etc'), { name: 'etc/a' }], [...dirs('etc'), { name: 'etc/b' }], [...dirs('bin'), { name: 'bin/sh' }]);
    expect(await searchLayers(['/bin/ping', '/usr/bin/ping'], img.count, img.open)).toMatchObject({ found: false, layersRead: 3, layersTotal: 3 });
  });

  test('a folder is not a file', async () => {
    const img = await image([...dirs('bin', 'bin/ping')]);
    expect((await searchLayers(['/bin/ping'], img.count, img.open)).found).toBe(false);
  });

  test('a large top layer: the download stops at the file', async () => {
    const big: Entry[] = [
      ...dirs('data'),
      { name: 'data/a', size: 4 },
      { name: 'data/ping' },
      ...Array.from({ length: 50 }, (_, i) => ({ name: `data/f${i}`, size: 64 * 1024, random: true })),
    ];
    const blob = await layer(big);
    let served = 0;
    const open = async () => {
      const stream = new Readable({
        read() {
          // Serve in 4 KiB slices so the consumer can stop midway.
          if (served >= blob.length) return this.push(null);
          this.push(blob.subarray(served, served + 4096));
          served += 4096;
        },
      });
      return { stream, mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' };
    };
    const r = await searchLayers(['/data/ping'], 1, open);
    expect(r.found).toBe(true);
    expect(served).toBeLessThan(blob.length);
  });

  test('an uncompressed layer and a zstd one', async () => {
    const pack = tar.pack();
    pack.entry({ name: 'ping', size: 1 }, Buffer.from('x'));
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const c of pack) chunks.push(c as Buffer);
    const plain = Buffer.concat(chunks);
    const open = async () => ({ stream: Readable.from([plain]), mediaType: 'application/vnd.oci.image.layer.v1.tar' });
    expect((await searchLayers(['/ping'], 1, open)).found).toBe(true);
    const zstd = async () => ({ stream: Readable.from([Buffer.from([0x28, 0xb5, 0x2f, 0xfd])]), mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd' });
    await expect(searchLayers(['/ping'], 1, zstd)).rejects.toThrow('zstd-compressed');
  });
});
