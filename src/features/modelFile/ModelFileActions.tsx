import { modelFileName, modelToJson, problemsText } from '../../core/model/modelFile';
import { parseModelJson } from '../../core/model/modelSchema';
import { useAppStore, useAppStoreApi } from '../../state/store';
import { downloadBlob } from '../../ui/download';
import { ShareLinkButton } from './ShareLinkButton';

/** Export the model as JSON, import one (checked, exact problem paths), and share it as a link. */
export function ModelFileActions() {
  const store = useAppStoreApi();
  const applyModel = useAppStore((s) => s.applyModel);
  const showAlert = useAppStore((s) => s.showAlert);

  const exportModel = () => {
    const { model, dataset } = store.getState();
    downloadBlob(new Blob([modelToJson(model)], { type: 'application/json' }), modelFileName(dataset?.name ?? null));
  };

  const importModel = async (file: File) => {
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      showAlert(`"${file.name}" could not be read: ${error instanceof Error ? error.message : String(error)}.`);
      return;
    }
    const parsed = parseModelJson(text);
    if (parsed.ok) applyModel(parsed.model, `the model in ${file.name}`);
    else showAlert(`"${file.name}" is not a valid CRS model, so nothing was changed: ${problemsText(parsed.problems)}.`);
  };

  return (
    <div className="model-actions" role="group" aria-label="Model">
      <button type="button" className="button" onClick={exportModel}>
        Export model
      </button>
      <label className="button file-button">
        Import model
        <input
          type="file"
          accept=".json,application/json"
          aria-label="Import model"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void importModel(file);
            event.currentTarget.value = '';
          }}
        />
      </label>
      <ShareLinkButton />
    </div>
  );
}
