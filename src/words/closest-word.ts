/**
 * Edit distance with adjacent transpositions counted as one edit (optimal
 * string alignment): `lsit` is one edit from `list`, `web_sever` one from
 * `web_server`.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate a mistyped word most likely meant, or nothing when none is
 * close: by default at most one edit for short words, two from five letters
 * on, so a suggestion is a typo's fix and never a guess.
 */
export function closestWord(
  word: string,
  candidates: readonly string[],
  limit: number = word.length >= 5 ? 2 : 1,
): { word: string; distance: number } | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const c of candidates) {
    const distance = editDistance(word.toLowerCase(), c.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { word: c, distance };
  }
  return best;
}
