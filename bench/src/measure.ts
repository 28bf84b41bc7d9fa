/** Latency statistics of one series, in milliseconds. */
export interface Series {
  readonly p50: number;
  readonly p95: number;
  readonly mean: number;
  readonly count: number;
}

export function summarize(samples: readonly number[]): Series {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mean = sorted.reduce((sum, x) => sum + x, 0) / sorted.length;
  return { p50: round(at(0.5)), p95: round(at(0.95)), mean: round(mean), count: sorted.length };
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Times one async call, in milliseconds. */
export async function time(call: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Runs several series interleaved in small alternating batches, so that noise from a shared machine falls on
 * all alike and their ratios stay meaningful.
 */
export async function interleaved(
  rounds: number,
  batch: number,
  calls: readonly (() => Promise<unknown>)[],
): Promise<number[][]> {
  const samples = calls.map(() => [] as number[]);
  for (let r = 0; r < rounds; r += 1) {
    for (const [index, call] of calls.entries()) {
      for (let i = 0; i < batch; i += 1) samples[index]!.push(await time(call));
    }
  }
  return samples;
}

/** Prints the one line a benchmark reports: `BENCH {"name": ..., ...figures}`. */
export function report(name: string, figures: Record<string, unknown>): void {
  console.log(`BENCH ${JSON.stringify({ name, ...figures })}`);
}
