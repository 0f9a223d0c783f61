// The dropped File as the dataset's byte source. The load reads it as a stream, front to
// back, scanning each chunk as it arrives; every later read (table cells, lazy columns,
// the search, the export) is synchronous, with FileReaderSync, which dedicated workers
// have. Nothing keeps a copy of the file.
import { bytesSource } from '../core/csv/source';
import type { CsvFile } from '../core/dataset/dataset';

/**
 * Dedicated workers' synchronous reader (lib.webworker). Declared here as well so the
 * module also compiles for Node, which lacks it (tests, benchmarks).
 */
declare const FileReaderSync: (new () => { readAsArrayBuffer(blob: Blob): ArrayBuffer }) | undefined;

/** The file could not be read again after its load: moved, deleted or changed on disk. */
export class FileReadError extends Error {
  constructor(cause: unknown) {
    super(`The file could not be read again (${cause instanceof Error ? cause.message : String(cause)}); it may have been moved or changed since it was loaded. Load it again.`);
    this.name = 'FileReadError';
  }
}

/**
 * The file for loadCsv (src/core/dataset/dataset.ts). Where FileReaderSync is missing (Node: the
 * engine's tests and the benchmark) the file is read into memory first, and kept.
 */
export async function openFile(file: Blob): Promise<CsvFile> {
  if (typeof FileReaderSync === 'undefined') return { source: bytesSource(new Uint8Array(await file.arrayBuffer())) };
  const reader = new FileReaderSync();
  return {
    source: {
      size: file.size,
      read(start, end) {
        try {
          return new Uint8Array(reader.readAsArrayBuffer(file.slice(start, end)));
        } catch (error) {
          throw new FileReadError(error);
        }
      },
    },
    readChunk: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
    // The load reads the file front to back as a stream: 128 MB in ~0.4 s where 8 MB slices took ~0.6 s (Chromium, 2 cores).
    stream: () => file.stream(),
  };
}
