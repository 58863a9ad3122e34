/**
 * Splits the engine's multiplexed log/attach stream (8-byte headers: stream
 * type, 3 zero bytes, big-endian length) into stdout and stderr, keeping at most
 * `cap` bytes of each: output read from student containers is bounded.
 */
export function demuxLogFrames(buf: Buffer, cap = 64 * 1024): { stdout: string; stderr: string; truncated: boolean } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let outLen = 0;
  let errLen = 0;
  let truncated = false;
  let offset = 0;
  const looksFramed = buf.length >= 8 && buf[0]! <= 2 && buf[1] === 0 && buf[2] === 0 && buf[3] === 0;
  if (!looksFramed) {
    // A TTY container's logs are not framed.
    truncated = buf.length > cap;
    return { stdout: buf.subarray(0, cap).toString('utf8'), stderr: '', truncated };
  }
  while (offset + 8 <= buf.length) {
    const type = buf[offset]!;
    const size = buf.readUInt32BE(offset + 4);
    const chunk = buf.subarray(offset + 8, offset + 8 + size);
    offset += 8 + size;
    if (type === 2) {
      const room = cap - errLen;
      if (room < chunk.length) truncated = true;
      if (room > 0) err.push(chunk.subarray(0, room));
      errLen += Math.min(room > 0 ? room : 0, chunk.length);
    } else {
      const room = cap - outLen;
      if (room < chunk.length) truncated = true;
      if (room > 0) out.push(chunk.subarray(0, room));
      outLen += Math.min(room > 0 ? room : 0, chunk.length);
    }
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), truncated };
}
