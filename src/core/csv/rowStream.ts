// Row scanning over a file that arrives in chunks: the row a chunk cuts is carried into
// the next, so every row is seen whole and exactly as one scan of the whole file would
// see it (src/core/csv/scan.ts), whatever the chunk size.
import { RowFields, scanRows, type ScanRules } from './scan';

/** Called per row with the buffer holding it, the file offset of buf[0], and the row's bounds in buf. */
export type ChunkRowVisitor = (buf: Uint8Array, base: number, rowStart: number, rowEnd: number, fields: RowFields) => void;

/** Bytes of the next chunk first joined to a cut row: most rows end within them. */
const BRIDGE_BYTES = 4096;
/** finishCarry: the carried row is still cut; it ended inside the carried bytes (recovered from a stray quote). */
const CUT = -1;
const ENDS_IN_CARRY = -2;

/**
 * Feeds chunks of a file to scanRows in order. A row the chunk's end cuts (it reaches the
 * end without a line break, or a quote is still open) is kept and finished with the start
 * of the next chunk in a small joined buffer (the bridge), so a chunk is never copied. A
 * row longer than a chunk (a quote never closed) is gathered in a buffer that doubles, and
 * scanned again only once it has doubled, so such a file still costs linear time. A
 * carried row that the scanner recovers from a stray quote may end inside the carried
 * bytes: the rows after it are then scanned from the carry joined to the whole chunk.
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
  /** The scan rules of a chunk that ends the file, and of one that does not. */
  private readonly lastRules: ScanRules;
  private readonly midRules: ScanRules;

  /** `headerCells`: the header's cell count, which a row with a quoted line break must have (ScanRules). */
  constructor(delimiter: number, headerCells: number, fields: RowFields, visit: ChunkRowVisitor) {
    this.delimiter = delimiter;
    this.fields = fields;
    this.visit = visit;
    this.lastRules = { headerCells, isInputEnd: true };
    this.midRules = { headerCells, isInputEnd: false };
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
        const after = this.finishCarry(bridge, carried, isLast && take === chunk.length);
        if (after >= carried) return this.scan(chunk, base, after - carried, isLast);
        if (after === ENDS_IN_CARRY) {
          this.append(chunk);
          return this.scanCarry(isLast);
        }
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
    this.scanCarry(isLast);
  }

  /** Scans the gathered carry as the file's bytes from carryStart. */
  private scanCarry(isLast: boolean): void {
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

  /**
   * Scans the carried row at the start of `bridge` (its first `carried` bytes are the
   * carry) and visits it when whole: the offset just after it, or CUT if it is still cut,
   * or ENDS_IN_CARRY (not visited) when it ends before the carry does.
   */
  private finishCarry(bridge: Uint8Array, carried: number, isLast: boolean): number {
    let isWhole = false;
    let rowStart = 0;
    let rowEnd = 0;
    const after = scanRows(
      bridge,
      0,
      bridge.length,
      this.delimiter,
      (start, end) => {
        isWhole = end < bridge.length || isLast;
        rowStart = start;
        rowEnd = end;
        return false;
      },
      this.fields,
      isLast ? this.lastRules : this.midRules,
    );
    if (!isWhole) return CUT;
    if (after < carried) return ENDS_IN_CARRY;
    this.visit(bridge, this.carryStart, rowStart, rowEnd, this.fields);
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
      isLast ? this.lastRules : this.midRules,
    );
    if (cutAt < 0) return;
    // A copy, as the chunk is not kept (a gathered row cut again at its start is kept as it is).
    if (cutAt > 0 || buf.buffer !== this.carry.buffer) this.carry = buf.slice(cutAt);
    this.carryLength = this.carryTried = end - cutAt;
    this.carryStart = base + cutAt;
  }
}
