// The scoring thread's entry (src/workers/scorer.ts): started by the engine worker when it first compares two files.
import { createScorerHandler, type ScorerRequest } from './scorer';

const handle = createScorerHandler((message, transfer) => self.postMessage(message, { transfer }));
self.onmessage = (event: MessageEvent<ScorerRequest>) => handle(event.data);
