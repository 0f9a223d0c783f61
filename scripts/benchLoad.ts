// The load's rows of the core benchmark (npm run bench): parseCsv (every column; the
// engine kept the file's bytes too) against the streaming, lazy loadCsv (only the columns
// of the auto-mapped model, no copy of the file), the other columns read on first use, the
// engine's 'load' up to its first screen, and what each load holds in memory.
import v8 from 'node:v8';
import vm from 'node:vm';
import { ensureColumns, loadCsv, parseCsv, type ColumnHead, type CsvFile, type Dataset } from '../src/core/dataset/dataset';
import { bytesSource } from '../src/core/csv/source';
import { defaultModel, modelColumns } from '../src/core/model/model';
import { autoMap } from '../src/core/schema/mapping';
import { createEngine } from '../src/workers/engine';
import type { AnalysisPart, EngineResponse } from '../src/workers/protocol';
import { DEFAULT_VIEW } from '../src/core/table/table';

/** The columns the engine parses at load: those of the default model auto-mapped from the header and the sample's kinds. */
export const mappedColumns = (columns: readonly ColumnHead[]) => modelColumns(autoMap(defaultModel(), columns));

/** The parts a page asks for with a load (its first screen: tiles, distribution, grid, the AUC), as state/engineClient.ts does. */
const FIRST_SCREEN: AnalysisPart[] = ['scores', 'axes', 'kpis', 'revenue', 'auc'];

export async function loadLazily(bytes: Uint8Array): Promise<Dataset> {
  const result = await loadCsv({ source: bytesSource(bytes) }, 'bench.csv', { wantedColumns: mappedColumns });
  if (!result.ok) throw new Error(result.problem.kind);
  return result.dataset;
}

/** The file as the worker reads it: every read a new buffer (blob.slice().arrayBuffer() for chunks, FileReaderSync after). */
function copyingFile(bytes: Uint8Array): CsvFile {
  return { source: { size: bytes.length, read: (start, end) => bytes.slice(start, end) }, readChunk: async (start, end) => bytes.slice(start, end) };
}

/** The timed load rows: each sample one run, after one warm-up run. */
export async function loadTimings(bytes: Uint8Array<ArrayBuffer>, runs: number): Promise<{ label: string; samples: number[] }[]> {
  const rows: { label: string; samples: number[] }[] = [];
  const sample = async (label: string, run: () => Promise<number>) => {
    await run();
    const samples: number[] = [];
    for (let k = 0; k < runs; k++) samples.push(await run());
    rows.push({ label, samples });
  };
  const timed = async (run: () => Promise<unknown>) => {
    const start = performance.now();
    await run();
    return performance.now() - start;
  };
  await sample("load, streaming: only the mapped model's columns (loadCsv, 8 MB chunks)", () => timed(() => loadLazily(bytes)));
  await sample('the other columns on first use (ensureColumns of all the load left)', async () => {
    const dataset = await loadLazily(bytes);
    return timed(async () =>
      ensureColumns(
        dataset,
        dataset.columns.map((column) => column.name),
      ),
    );
  });
  await sample("engine 'load' → first screen (Node reads the Blob whole; parse, map, score the first screen's parts)", async () => {
    let last: EngineResponse | null = null;
    const handle = createEngine((message) => {
      last = message;
    });
    const file = new Blob([bytes]);
    const ms = await timed(() =>
      handle({ type: 'load', file, name: 'bench.csv', model: defaultModel(), demand: { parts: FIRST_SCREEN, table: { view: DEFAULT_VIEW, start: 0, count: 60 }, breakdownBy: null } }),
    );
    if ((last as EngineResponse | null)?.type !== 'loaded') throw new Error('expected loaded');
    return ms;
  });
  return rows;
}

/**
 * Node's gc, exposed at run time (the bench runs without --expose-gc), run until the
 * ArrayBuffer memory settles: V8 frees large backing stores after the collection, so one
 * call may leave freed buffers counted.
 */
function exposedGc(): () => Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('gc could not be exposed');
  return async () => {
    for (let k = 0, last = -1; k < 10; k++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const now = usedBytes();
      if (now === last) return;
      last = now;
    }
  };
}

const usedBytes = () => {
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.arrayBuffers;
};

/**
 * Heap + ArrayBuffer bytes a load holds once done (after a collection, with the dataset
 * kept) and at its peak (sampled at each progress report, and at the end before collecting),
 * over what was held before: the input file's bytes are already there, as the File is in a
 * browser.
 */
export async function loadMemory(bytes: Uint8Array): Promise<{ label: string; heldMB: number; peakMB: number }[]> {
  const gc = exposedGc();
  const measure = async (label: string, load: (onProgress: () => void) => Promise<unknown>) => {
    await gc();
    const before = usedBytes();
    let peak = before;
    const onProgress = () => {
      peak = Math.max(peak, usedBytes());
    };
    const kept = await load(onProgress);
    onProgress();
    await gc();
    const held = usedBytes() - before;
    if (kept === null) throw new Error('nothing loaded');
    return { label, heldMB: held / 2 ** 20, peakMB: (peak - before) / 2 ** 20 };
  };
  return [
    await measure("the old engine's load: the file read into one buffer, then parseCsv (every column; the buffer kept)", async (onProgress) => {
      const result = parseCsv(bytes.slice(), 'bench.csv', onProgress);
      if (!result.ok) throw new Error(result.problem.kind);
      return result.dataset;
    }),
    await measure("loadCsv in 8 MB chunks, only the mapped model's columns (no copy kept)", async (onProgress) => {
      const result = await loadCsv(copyingFile(bytes), 'bench.csv', { wantedColumns: mappedColumns, onProgress });
      if (!result.ok) throw new Error(result.problem.kind);
      return result.dataset;
    }),
    await measure('loadCsv as above, then every other column read (ensureColumns, 8 MB blocks)', async (onProgress) => {
      const result = await loadCsv(copyingFile(bytes), 'bench.csv', { wantedColumns: mappedColumns, onProgress });
      if (!result.ok) throw new Error(result.problem.kind);
      ensureColumns(
        result.dataset,
        result.dataset.columns.map((column) => column.name),
      );
      onProgress();
      return result.dataset;
    }),
  ];
}
