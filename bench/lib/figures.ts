// How every benchmark reports: one line per figure, with its target beside it, so that a person
// reading the output (or bench/run.mjs collecting it) sees at once what met its promise. The
// script's headline figure is printed last. Figures are printed, never asserted: a benchmark that
// misses its target still finishes and says so.
import { cpus, totalmem } from 'node:os';

export type Target = { op: '<=' | '>=' | '='; value: number };

export const atMost = (value: number): Target => ({ op: '<=', value });
export const atLeast = (value: number): Target => ({ op: '>=', value });
export const exactly = (value: number): Target => ({ op: '=', value });

const SYMBOL = { '<=': '≤', '>=': '≥', '=': '=' } as const;

export function meets(value: number, target: Target): boolean {
  if (!Number.isFinite(value)) return false;
  return target.op === '<=' ? value <= target.value : target.op === '>=' ? value >= target.value : value === target.value;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/**
 * Prints `FIGURE <name>: <value> <unit> (target ≤ 150 ms) OK|MISS`, or without a target for context
 * figures (`(info)`). The `FIGURE` prefix is what bench/run.mjs collects for its summary.
 */
export function printFigure(name: string, value: number, unit: string, target?: Target): boolean {
  const shown = `${formatNumber(value)}${unit ? ` ${unit}` : ''}`;
  if (!target) {
    console.log(`FIGURE ${name}: ${shown} (info)`);
    return true;
  }
  const ok = meets(value, target);
  console.log(`FIGURE ${name}: ${shown} (target ${SYMBOL[target.op]} ${formatNumber(target.value)}${unit ? ` ${unit}` : ''}) ${ok ? 'OK' : 'MISS'}`);
  return ok;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function describeMachine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Arg `--quick` (or BENCH_QUICK=1): a short run, for trying a script out; RESULTS.md uses full runs. */
export function isQuick(): boolean {
  return process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
}

/** The PostgreSQL server benchmarks use beside PGlite, when one is configured. */
export function benchDatabaseUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}
