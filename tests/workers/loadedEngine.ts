import { defaultModel } from '../../src/core/model';
import { createEngine } from '../../src/workers/engine';
import type { EngineResponse } from '../../src/workers/protocol';

/** An engine with `csv` loaded under the default model: its handler, every message it posted, and the 'loaded' one. */
export async function loadedEngine(csv: string, name = 'c.csv') {
  const messages: EngineResponse[] = [];
  const handle = createEngine((message) => messages.push(message));
  await handle({ type: 'load', file: new Blob([csv]), name, model: defaultModel() });
  const loaded = messages.find((m) => m.type === 'loaded');
  if (loaded?.type !== 'loaded') throw new Error('expected loaded');
  return { handle, messages, loaded, last: () => messages.at(-1) };
}
