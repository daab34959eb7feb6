// Small statistics helpers: nearest-rank percentiles over latency samples, medians over
// repetitions.

/** p in [0, 100] of an ascending-sorted array (nearest rank). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarizeLatencies(samples) {
  const sorted = Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
  };
}

export function median(values) {
  const finite = values.filter((value) => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const mid = Math.floor(finite.length / 2);
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

/** Median of every numeric field over repetitions (objects of the same shape). */
export function medianOfRuns(runs) {
  const keys = new Set(runs.flatMap((run) => Object.keys(run)));
  const out = {};
  for (const key of keys) {
    const values = runs.map((run) => run[key]);
    out[key] = values.every((value) => typeof value === 'number' || value === undefined) ? median(values) : values[0];
  }
  return out;
}
