// A second scoring thread for the engine: the earlier file of a comparison is scored here
// while the engine scores the current file, so a weight change with a comparison costs one
// pass's time, not two (issue 17; machines have at least two cores). The engine sends the
// pass's weight-independent inputs once (the factor matrix, groups, rule points, tally
// classes: copies, ~40 MB at 1M), then only weights and bands per pass; the scores come
// back as a transferred buffer. Buffers the engine no longer reads are transferred back with
// the next pass and written again: a fresh 8 MB buffer costs its page faults on first write,
// which made a pass into one three to four times slower than the pass itself (11 → 40–70 ms
// in Chromium on this machine).
import { scoreMatrix, type FactorMatrix } from '../core/scoring/score';
import type { ScoredElsewhere, ScoringJob } from '../core/derive/graph';
import { emptyTally } from '../core/scoring/tally';
import { earlierSide, type EarlierSide } from '../core/movement/movement';

interface Inputs {
  matrix: FactorMatrix;
  groups: Uint8Array;
  extra: Float64Array | null;
  classes: Uint8Array | null;
  /** The comparison's status of each earlier row (IdMatch.previousStatus), for the EarlierSide made beside each pass. */
  matched: Uint8Array;
}

/** A pass made here: the scores, aggregates and tally, and the earlier file's side of the movement when asked for (the movement panel on screen), else null. */
export interface ScorerPass {
  scored: ScoredElsewhere;
  side: EarlierSide | null;
}

export type ScorerRequest =
  | { type: 'inputs'; inputs: Inputs }
  /** recycled: score buffers of earlier passes the engine no longer reads, to write again. */
  | { type: 'score'; id: number; weights: number[]; bands: ScoringJob['bands']; recycled: ArrayBuffer[]; withSide: boolean }
  | { type: 'forget' };
export type ScorerResponse = ({ type: 'scored'; id: number } & ScorerPass) | { type: 'failed'; id: number; message: string };

/** The scorer's side: keeps the inputs last sent, runs a pass per 'score'. */
export function createScorerHandler(post: (message: ScorerResponse, transfer: Transferable[]) => void): (request: ScorerRequest) => void {
  let inputs: Inputs | null = null;
  let spare: ArrayBuffer[] = [];
  /** A buffer of `bytes` bytes: a recycled one (its pages already mapped) when there is one. */
  const buffer = (bytes: number) => {
    const at = spare.findIndex((candidate) => candidate.byteLength === bytes);
    return at < 0 ? new ArrayBuffer(bytes) : spare.splice(at, 1)[0];
  };
  return (request) => {
    if (request.type === 'inputs') {
      inputs = request.inputs;
      // Buffers sized for another file (an earlier file replaced) would never be written again.
      const n = inputs.matrix.n;
      spare = spare.filter((candidate) => candidate.byteLength === n * Float64Array.BYTES_PER_ELEMENT || candidate.byteLength === n);
    } else if (request.type === 'forget') {
      inputs = null;
      spare = [];
    } else if (inputs === null) post({ type: 'failed', id: request.id, message: 'The scorer has no inputs.' }, []);
    else {
      const { matrix, groups, extra, classes, matched } = inputs;
      spare.push(...request.recycled);
      const scores = new Float64Array(buffer(matrix.n * Float64Array.BYTES_PER_ELEMENT));
      const tally = classes ? emptyTally(classes) : null;
      const aggregates = scoreMatrix(matrix, request.weights, request.bands, groups, scores, extra, tally);
      const side = request.withSide ? earlierSide(scores, matched, request.bands, new Uint8Array(buffer(matrix.n))) : null;
      post({ type: 'scored', id: request.id, scored: { scores, aggregates, tallyCounts: tally?.counts ?? null }, side }, side ? [scores.buffer, side.bands.buffer] : [scores.buffer]);
    }
  };
}

/** A scoring thread as the engine uses it: `score(job)` resolves with the pass, or rejects if the thread failed. */
export interface Scorer {
  /** `matched`: the earlier rows' match status; `withSide`: make the EarlierSide too; `recycled`: arrays of earlier passes no longer read, handed back (detached here) to be written again. */
  score(job: ScoringJob, matched: Uint8Array, withSide: boolean, recycled: ArrayBufferView[]): Promise<ScorerPass>;
  /** Drops the inputs held there (the comparison was forgotten). */
  forget(): void;
}

/** The engine's side of a scoring thread (a Worker, or anything with its postMessage and onmessage). */
export function createScorer(worker: Pick<Worker, 'postMessage' | 'onmessage' | 'onerror'>): Scorer {
  /** What the thread holds: nothing yet, or the inputs last sent (compared by identity before each pass). */
  const nothing = (): Omit<Inputs, 'matrix'> & { matrix: FactorMatrix | null } => ({ matrix: null, groups: new Uint8Array(0), extra: null, classes: null, matched: new Uint8Array(0) });
  let sent = nothing();
  let next = 0;
  const waiting = new Map<number, { resolve: (pass: ScorerPass) => void; reject: (error: Error) => void }>();
  worker.onmessage = (event: MessageEvent<ScorerResponse>) => {
    const answer = event.data;
    const job = waiting.get(answer.id);
    if (!job) return;
    waiting.delete(answer.id);
    if (answer.type === 'scored') job.resolve({ scored: answer.scored, side: answer.side });
    else job.reject(new Error(answer.message));
  };
  worker.onerror = (event: ErrorEvent) => {
    for (const job of waiting.values()) job.reject(new Error(`The scoring thread failed: ${event.message}`));
    waiting.clear();
  };
  return {
    score(job, matched, withSide, recycled) {
      if (sent.matrix !== job.matrix || sent.groups !== job.groups || sent.extra !== job.extra || sent.classes !== job.classes || sent.matched !== matched) {
        sent = { matrix: job.matrix, groups: job.groups, extra: job.extra, classes: job.classes, matched };
        worker.postMessage({ type: 'inputs', inputs: { ...sent, matrix: job.matrix } } satisfies ScorerRequest);
      }
      const id = ++next;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        const buffers = recycled.map((scores) => scores.buffer as ArrayBuffer);
        worker.postMessage({ type: 'score', id, weights: job.weights, bands: job.bands, recycled: buffers, withSide } satisfies ScorerRequest, { transfer: buffers });
      });
    },
    forget() {
      sent = nothing();
      worker.postMessage({ type: 'forget' } satisfies ScorerRequest);
    },
  };
}
