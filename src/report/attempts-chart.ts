import type { Score } from '../result/types';
import type { Attempt } from './input';
import { scoreRatio } from './input';

export interface ChartPoint {
  x: number;
  y: number;
  label: string;
  current: boolean;
}

export interface AttemptsChart {
  width: number;
  height: number;
  /** The polyline's `points` attribute: numbers only, so it is safe in markup. */
  line: string;
  points: ChartPoint[];
  /** Horizontal guides at 0, 50 and 100 %. */
  guides: { y: number; label: string }[];
  firstLabel: string;
  lastLabel: string;
}

const WIDTH = 320;
const HEIGHT = 90;
const PAD = { left: 34, right: 8, top: 8, bottom: 8 };

/**
 * Attempts over time as numbers for an inline SVG (no script: the report's CSP
 * forbids it). Attempts are evenly spaced, oldest left, this one last: a
 * student grades in bursts, so spacing by time would pile most dots together.
 * The y axis is the share of the maximum, so a spec that changed its maximum
 * still plots sensibly. Nothing to draw for fewer than two attempts.
 */
export function attemptsChart(
  earlierNewestFirst: readonly Attempt[],
  current: { startedAt: string; score: Score },
  label: (a: Attempt) => string,
): AttemptsChart | undefined {
  const all = [...earlierNewestFirst].reverse().concat([current]);
  if (all.length < 2) return undefined;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const y = (ratio: number) => Math.round((PAD.top + innerH * (1 - ratio)) * 10) / 10;
  const points = all.map((a, i) => ({
    x: Math.round((PAD.left + (innerW * i) / (all.length - 1)) * 10) / 10,
    y: y(scoreRatio(a.score)),
    label: label(a),
    current: i === all.length - 1,
  }));
  return {
    width: WIDTH,
    height: HEIGHT,
    line: points.map((p) => `${p.x},${p.y}`).join(' '),
    points,
    guides: [1, 0.5, 0].map((r) => ({ y: y(r), label: `${r * 100}%` })),
    firstLabel: points[0]!.label,
    lastLabel: points.at(-1)!.label,
  };
}
