import { SharedReads } from './shared-reads';

test('callers of one key share one load, at the same time and later; other keys load on their own', async () => {
  const reads = new SharedReads();
  let loads = 0;
  const load = async () => `read ${++loads}`;
  const [a, b] = await Promise.all([reads.once('image:ubuntu', load), reads.once('image:ubuntu', load)]);
  expect([a, b, await reads.once('image:ubuntu', load)]).toEqual(['read 1', 'read 1', 'read 1']);
  expect(await reads.once('image:alpine', load)).toBe('read 2');
  expect(loads).toBe(2);
});

test('a failed read is the answer for every caller of that key', async () => {
  const reads = new SharedReads();
  let loads = 0;
  const failing = () => Promise.reject(new Error(`engine down (${++loads})`));
  await expect(reads.once('networks', failing)).rejects.toThrow('engine down (1)');
  await expect(reads.once('networks', failing)).rejects.toThrow('engine down (1)');
  expect(loads).toBe(1);
});
