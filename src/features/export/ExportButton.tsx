import { useAppStore } from '../../state/store';

/** Downloads the scored CSV: every input row and column, plus crs, band, group and issues. */
export function ExportButton() {
  const canExport = useAppStore((s) => s.analysis !== null);
  const exporting = useAppStore((s) => s.exporting);
  const requestExport = useAppStore((s) => s.requestExport);
  return (
    <button type="button" className="button primary" onClick={() => requestExport('all')} disabled={!canExport || exporting} aria-busy={exporting}>
      Export scored CSV
    </button>
  );
}
