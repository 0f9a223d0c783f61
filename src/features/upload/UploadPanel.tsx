import { useRef, useState, type DragEvent } from 'react';
import { useAppStore } from '../../state/store';
import { LoadProgress } from './LoadProgress';
import { FOCUS_HANDOFF, useTakeFocus } from '../../ui/useTakeFocus';
import { FilePicker } from '../../ui/FilePicker';
import { SAMPLE_FILE, withBundledFile } from '../../ui/bundledFile';

/** File picker, drop zone and sample button; compact once a dataset is loaded. The dashboard takes their focus when a file loads. */
export function UploadPanel({ compact }: { compact: boolean }) {
  const loadFile = useAppStore((s) => s.loadFile);
  const showAlert = useAppStore((s) => s.showAlert);
  const [isOver, setIsOver] = useState(false);
  const picker = useRef<HTMLInputElement>(null);
  // The empty page, first or after Clear data, starts at the upload button.
  useTakeFocus(picker, compact ? null : 'empty');

  const loadSample = () => withBundledFile(SAMPLE_FILE, loadFile, (reason) => showAlert(`The sample data could not be loaded: ${reason}.`));

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setIsOver(false);
    const file = event.dataTransfer.files[0];
    if (file) loadFile(file, file.name);
  };

  return (
    <div
      className={`dropzone ${compact ? 'compact' : ''} ${isOver ? 'over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setIsOver(true);
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={onDrop}
    >
      {compact ? null : (
        <div className="dropzone-intro">
          <p className="dropzone-title">Drop a customer CSV or Excel file here</p>
          <p className="muted">
            One row per customer, a header row, and columns such as engagement, satisfaction (CSAT, NPS), orders or revenue, support rating or tickets, and tenure or a customer-since date. Comma, semicolon, tab
            or pipe separated, decimal points or commas; a report title above the header is skipped. Excel workbooks (.xlsx, .xls) load their first sheet, or the one you pick.
          </p>
        </div>
      )}
      <div className="dropzone-actions">
        <FilePicker text="Upload CSV" label="Upload CSV" className="button primary" onFile={(file) => loadFile(file, file.name)} inputRef={picker} isHandoff />
        <button type="button" className="button" onClick={loadSample} {...FOCUS_HANDOFF}>
          Load sample data
        </button>
      </div>
      <LoadProgress />
    </div>
  );
}
