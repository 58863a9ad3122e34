/** A kind's size parameter in docker's syntax (`256m`, `1.5g`): the schema admits only forms parseByteSize reads. */
export const byteSizeSchema = { type: 'string', pattern: '^\\d+(\\.\\d+)?[bkmgtBKMGT]?$', nullable: true } as const;

/** Docker's size syntax (`256m`, `1g`, `512k`, plain bytes): binary multiples, as `docker run --memory` reads it. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase();
  const mult = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[unit] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

export function formatBytes(n: number): string {
  if (n <= 0) return String(n);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1 && Number.isInteger(v / 1024)) {
    v /= 1024;
    i++;
  }
  if (i === 0 && n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${v} ${units[i]}`;
}
