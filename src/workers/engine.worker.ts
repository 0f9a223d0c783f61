// Worker entry: binds messages to the engine. Everything heavy runs here, off the page's thread.
import { createEngine } from './engine';
import { createScorer } from './scorer';
import { warmUp } from './warmUp';
import { isEngineRequest, type EngineResponse } from './protocol';

const post = (message: EngineResponse): void => self.postMessage(message);

// Before any message is handled: optimise the hot code on a synthetic file (a message that
// comes sooner waits for it, ~100 ms). If that fails, the worker still works, only colder;
// say so in the console for whoever looks.
const warm = warmUp().catch((error: unknown) => console.warn('CRS Studio: engine warm-up failed; the first load will be slower.', error));
// The earlier file of a comparison is scored on a thread of its own, beside this one (scorer.ts).
const handle = createEngine(post, { startScorer: () => createScorer(new Worker(new URL('./scorer.worker.ts', import.meta.url), { type: 'module' })) });

self.onmessage = (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isEngineRequest(request)) {
    post({ type: 'failed', requestId: -1, message: 'The engine received a message it does not understand.' });
    return;
  }
  warm
    .then(() => handle(request))
    .catch((error: unknown) => {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      post(request.type === 'load' ? { type: 'load-failed', problem: { kind: 'read-failed', message } } : { type: 'failed', requestId: request.requestId, message });
    });
};
