// Bench inputs: CSVs from the project's seeded generator, made once into bench-data/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const BENCH_DIR = resolve(import.meta.dirname, '../bench-data');
export const SIZES = [
  { label: '10k', rows: 10_000 },
  { label: '100k', rows: 100_000 },
  { label: '1M', rows: 1_000_000 },
] as const;

/** Path of the generated CSV with `rows` customers, generating it if missing. */
export function benchFile(rows: number): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = resolve(BENCH_DIR, `customers-${rows}.csv`);
  if (!existsSync(path)) {
    execFileSync(process.execPath, [resolve(import.meta.dirname, 'generate-sample.mjs'), '--rows', String(rows), '--seed', '7', '--out', path], { stdio: 'inherit' });
  }
  return path;
}

/** The earlier snapshot of the bench file with `rows` customers (scripts/generate-earlier-sample.mjs: a quarter before, ~3 % gone since, new customers not there yet), made if missing. */
export function earlierBenchFile(rows: number): string {
  const current = benchFile(rows);
  const path = resolve(BENCH_DIR, `customers-${rows}-earlier.csv`);
  if (!existsSync(path)) {
    execFileSync(process.execPath, [resolve(import.meta.dirname, 'generate-earlier-sample.mjs'), '--source', current, '--out', path], { stdio: 'inherit' });
  }
  return path;
}

export function stats(samples: number[]): { median: number; min: number; max: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return { median: sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2, min: sorted[0], max: sorted[sorted.length - 1] };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
