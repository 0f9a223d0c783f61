// A model opened from a share link (#model=…): checked, then used for the next file loaded.
import { problemsText } from '../core/model/modelFile';
import { decodeModelHash } from '../core/model/shareLink';
import type { AppStore } from './store';

/** Applies the model in `hash`, or alerts with the problems' paths; true when the hash carried a model. */
export function openSharedLink(store: AppStore, hash: string): boolean {
  const parsed = decodeModelHash(hash);
  if (parsed === null) return false;
  if (parsed.ok) store.getState().applyModel(parsed.model, 'the model from the shared link');
  else store.getState().showAlert(`The shared link's model is not valid, so it was not used: ${problemsText(parsed.problems)}.`);
  return true;
}
