// Figures of a benchmark: percentiles and how they are printed.

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export type Figures = { p50: number; p95: number; n: number; failed: number };
export const figures = (samples: number[], failed = 0): Figures => ({ p50: percentile(samples, 50), p95: percentile(samples, 95), n: samples.length, failed });
