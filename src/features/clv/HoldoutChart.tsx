import { useMemo, useRef } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { HoldoutBucket } from '../../core/clv/holdout';
import { fileStem } from '../../core/export/csv';
import { useAppStore, useAppStoreApi } from '../../state/store';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import { formatMeanPurchases, holdoutChartRows, holdoutSummary } from './holdoutChartData';

const TITLE = 'Holdout check: actual against predicted purchases';
/** Literal hex, not CSS variables, so an exported image keeps them (as ui/palette.ts). */
const ACTUAL_FILL = '#2457d6';
const PREDICTED_FILL = '#8a93a6';
const SERIES = [
  { key: 'actual', label: 'Actual', color: ACTUAL_FILL },
  { key: 'predicted', label: 'Predicted by BG/NBD', color: PREDICTED_FILL },
] as const;
const AXIS_TEXT = { fill: 'var(--muted)', fontSize: 11 };

/**
 * Mean purchases per customer after the calibration period, actual beside BG/NBD's
 * prediction, per repeat-purchase bucket: where the bars part, the fit misjudges that kind
 * of customer. Empty buckets are left out; the table beside it lists every bucket.
 */
export function HoldoutChart({ buckets }: { buckets: readonly HoldoutBucket[] }) {
  const datasetName = useAppStore((s) => s.dataset?.name ?? 'customers');
  const showAlert = useAppStore((s) => s.showAlert);
  const store = useAppStoreApi();
  const container = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => holdoutChartRows(buckets), [buckets]);
  const summary = useMemo(() => holdoutSummary(buckets), [buckets]);
  if (rows.length === 0) return null;
  const holdoutMonths = () => store.getState().clvRequest.inputs?.holdoutMonths;
  return (
    <figure className="chart small-chart clv-holdout-chart">
      <figcaption className="small clv-holdout-caption">
        Purchases per customer after the period
        <span className="clv-holdout-actions">
          <ChartExportButtons
            onError={showAlert}
            container={container}
            title={TITLE}
            subtitle={() => `${datasetName} · mean purchases per customer in the holdout${holdoutMonths() ? ` (${holdoutMonths()} months)` : ''}, by repeat purchases in the period: ${summary}`}
            fileStem={`${fileStem(datasetName)}-clv-holdout`}
            legend={SERIES.map(({ label, color }) => ({ label, color }))}
          />
        </span>
      </figcaption>
      <div
        ref={container}
        className="chart-canvas"
        role="img"
        aria-label={`Bar chart of mean purchases per customer after the period, actual against predicted by BG/NBD, by repeat purchases in the period. ${summary}`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 16, left: 0 }} barCategoryGap="20%" accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="var(--grid)" />
            <XAxis dataKey="label" tick={AXIS_TEXT} stroke="var(--grid)" label={{ value: 'repeat purchases in the period', position: 'insideBottom', offset: -10, ...AXIS_TEXT }} />
            <YAxis tick={AXIS_TEXT} stroke="var(--grid)" width={40} tickFormatter={(value: number) => formatMeanPurchases(value)} />
            {SERIES.map(({ key, label, color }) => (
              <Bar key={key} dataKey={key} name={label} fill={color} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="legend" aria-hidden="true">
        {SERIES.map(({ key, label, color }) => (
          <span key={key} className="legend-item">
            <span className="swatch" style={{ background: color }} />
            {label}
          </span>
        ))}
      </div>
    </figure>
  );
}
