// Worker entry: binds messages to the engine. Everything heavy runs here, off the page's thread.
import { createEngine } from './engine';
import { isEngineRequest, type EngineResponse } from './protocol';

const post = (message: EngineResponse): void => self.postMessage(message);
const handle = createEngine(post);

self.onmessage = (event: MessageEvent<unknown>) => {
  const request = event.data;
  if (!isEngineRequest(request)) {
    post({ type: 'failed', requestId: -1, message: 'The engine received a message it does not understand.' });
    return;
  }
  handle(request).catch((error: unknown) => {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    post(request.type === 'load' ? { type: 'load-failed', problem: { kind: 'read-failed', message } } : { type: 'failed', requestId: request.requestId, message });
  });
};
