import { toBlob } from 'html-to-image';
import { useState } from 'react';
import { useAppStore } from '../../state/store';
import { downloadBlob } from '../../ui/download';
import { fileStem } from '../../core/export/csv';

/** Canvas side beyond which the 2× pixel ratio drops to 1 (browsers cap canvas size). */
const MAX_CANVAS_SIDE = 16000;

/** "Dashboard PNG": the whole dashboard as one image; "Print report": the print stylesheet, one A4 landscape page per section. */
export function ReportButtons() {
  const datasetName = useAppStore((s) => s.dataset?.name ?? 'customers');
  const showAlert = useAppStore((s) => s.showAlert);
  const [busy, setBusy] = useState(false);
  const exportDashboard = async () => {
    // The whole app (title and dataset line included), without the top bar's buttons.
    const dashboard = document.querySelector('.app');
    if (!(dashboard instanceof HTMLElement)) return;
    setBusy(true);
    try {
      const { width, height } = dashboard.getBoundingClientRect();
      const pixelRatio = Math.max(width, height) * 2 > MAX_CANVAS_SIDE ? 1 : 2;
      const background = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff';
      // The engine's result is drawn as it is on screen; controls are left as they are, since they show the settings.
      const blob = await toBlob(dashboard, { pixelRatio, backgroundColor: background, cacheBust: false, filter: (node) => !(node instanceof HTMLElement && node.classList.contains('topbar-actions')) });
      if (!blob) throw new Error('the browser returned no image');
      downloadBlob(blob, `${fileStem(datasetName)}-dashboard.png`);
    } catch (error) {
      showAlert(`The dashboard image could not be made: ${error instanceof Error ? error.message : String(error)}.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={exportDashboard} disabled={busy} aria-busy={busy}>
        Dashboard PNG
      </button>
      <button type="button" className="button" onClick={() => window.print()}>
        Print report
      </button>
    </>
  );
}
