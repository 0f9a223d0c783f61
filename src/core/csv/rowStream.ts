// Row scanning over a file that arrives in chunks: the row a chunk cuts is carried into
// the next, so every row is seen whole and exactly as one scan of the whole file would
// see it (src/core/csv/scan.ts), whatever the chunk size.
import { RowFields, scanRows } from './scan';

/** Called per row with the buffer holding it, the file offset of buf[0], and the row's bounds in buf. */
export type ChunkRowVisitor = (buf: Uint8Array, base: number, rowStart: number, rowEnd: number, fields: RowFields) => void;

/** Bytes of the next chunk first joined to a cut row: most rows end within them. */
const BRIDGE_BYTES = 4096;

/**
 * Feeds chunks of a file to scanRows in order. A row the chunk's end cuts (it reaches the
 * end without a line break, or a quote is still open) is kept and finished with the start
 * of the next chunk in a small joined buffer (the bridge), so a chunk is never copied. A
 * row longer than a chunk (a quote never closed) is gathered in a buffer that doubles, and
 * scanned again only once it has doubled, so such a file still costs linear time.
 */
export class ChunkedRowScanner {
  /** The bytes of a row cut by a chunk's end, from its start, in carry[0, carryLength); 0 between rows. */
  private carry = new Uint8Array(0);
  private carryLength = 0;
  private carryStart = 0;
  /** The carry's length when it was last scanned and found still cut. */
  private carryTried = 0;

  private readonly delimiter: number;
  private readonly fields: RowFields;
  private readonly visit: ChunkRowVisitor;

  constructor(delimiter: number, fields: RowFields, visit: ChunkRowVisitor) {
    this.delimiter = delimiter;
    this.fields = fields;
    this.visit = visit;
  }

  /** Scans `chunk`, the file's bytes from offset `base`; `isLast` when it ends the file. */
  push(chunk: Uint8Array, base: number, isLast: boolean): void {
    const carried = this.carryLength;
    if (carried === 0) return this.scan(chunk, base, 0, isLast);
    if (carried < chunk.length) {
      for (let take = Math.min(chunk.length, BRIDGE_BYTES + carried); ; take = Math.min(chunk.length, take * 2)) {
        const bridge = new Uint8Array(carried + take);
        bridge.set(this.carry.subarray(0, carried));
        bridge.set(chunk.subarray(0, take), carried);
        const after = this.finishCarry(bridge, isLast && take === chunk.length);
        if (after >= 0) return this.scan(chunk, base, after - carried, isLast);
        if (take === chunk.length) {
          // The whole chunk did not finish the row: keep gathering.
          this.carry = bridge;
          this.carryLength = this.carryTried = bridge.length;
          return;
        }
      }
    }
    this.append(chunk);
    if (!isLast && this.carryLength < 2 * this.carryTried) return;
    const gathered = this.carry.subarray(0, this.carryLength);
    this.carryLength = 0;
    this.scan(gathered, this.carryStart, 0, isLast);
  }

  private append(chunk: Uint8Array): void {
    const length = this.carryLength + chunk.length;
    if (length > this.carry.length) {
      const carry = new Uint8Array(Math.max(length, this.carry.length * 2));
      carry.set(this.carry.subarray(0, this.carryLength));
      this.carry = carry;
    }
    this.carry.set(chunk, this.carryLength);
    this.carryLength = length;
  }

  /** Scans the carried row at the start of `bridge`: the offset just after it, or -1 if it is still cut. */
  private finishCarry(bridge: Uint8Array, isLast: boolean): number {
    let isWhole = false;
    const after = scanRows(
      bridge,
      0,
      bridge.length,
      this.delimiter,
      (rowStart, rowEnd, fields) => {
        if (rowEnd === bridge.length && !isLast) return false;
        isWhole = true;
        this.visit(bridge, this.carryStart, rowStart, rowEnd, fields);
        return false;
      },
      this.fields,
    );
    if (!isWhole) return -1;
    this.carryLength = 0;
    return after;
  }

  /** Scans buf[from, end): every whole row is visited; a row the end cuts is carried. */
  private scan(buf: Uint8Array, base: number, from: number, isLast: boolean): void {
    const end = buf.length;
    let cutAt = -1;
    scanRows(
      buf,
      from,
      end,
      this.delimiter,
      (rowStart, rowEnd, fields) => {
        if (rowEnd === end && !isLast) {
          cutAt = rowStart;
          return false;
        }
        this.visit(buf, base, rowStart, rowEnd, fields);
      },
      this.fields,
    );
    if (cutAt < 0) return;
    // A copy, as the chunk is not kept (a gathered row cut again at its start is kept as it is).
    if (cutAt > 0 || buf.buffer !== this.carry.buffer) this.carry = buf.slice(cutAt);
    this.carryLength = this.carryTried = end - cutAt;
    this.carryStart = base + cutAt;
  }
}
