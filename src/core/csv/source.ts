// Where a loaded file's bytes are read from. The dataset keeps the source, not a copy of
// the file: table cells, the search, columns scanned after the load and the export read
// slices of it again. In the engine worker it is the dropped File itself
// (src/workers/blobSource.ts); in tests and Node, a buffer.

/** Synchronous reads of a file's bytes [start, end); `read` returns exactly end − start bytes. */
export interface ByteSource {
  readonly size: number;
  read(start: number, end: number): Uint8Array;
}

/** A source over bytes already in memory: reads are views, not copies. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: (start, end) => bytes.subarray(start, end) };
}
