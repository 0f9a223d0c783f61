import { withDemand, type ViewProps } from '../../state/demand';
import { Line, LineChart, CartesianGrid, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { useMemo, useRef } from 'react';
import { ChartExportButtons } from '../../ui/ChartExportButtons';
import { weightsSummary } from '../../core/model/model';
import { BANDS, BAND_LABELS } from '../../core/model/model';
import { gridGroups, GROUP_LABELS } from '../../core/groups/segment';
import { formatCount, formatShare } from '../../core/display/format';
import type { OutcomeRates } from '../../core/validation/outcomeRates';
import { useAppStore, useAppStoreApi } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { describeAuc } from './describeAuc';
import { formatAuc } from '../../core/display/format';
import { OutcomePicker } from './OutcomePicker';
import { SuggestWeights } from './SuggestWeights';
import { fileStem } from '../../core/export/csv';

/** How well the CRS predicts a real outcome: AUC, ROC curve, gains by decile, rates per band and group; and weights a fit suggests. */
function ValidationPanelBody({ view }: { view: ViewProps }) {
  const validation = useAppStore((s) => s.analysis?.validation ?? null);
  const gridSize = useAppStore((s) => s.analysis?.gridSize ?? 2);
  const datasetName = useAppStore((s) => s.dataset?.name ?? 'customers');
  const showAlert = useAppStore((s) => s.showAlert);
  const store = useAppStoreApi();
  const rocContainer = useRef<HTMLDivElement>(null);
  const roc = useMemo(() => (validation ? Array.from(validation.roc.fpr, (fpr, k) => ({ fpr, tpr: validation.roc.tpr[k] })) : []), [validation]);
  return (
    <Panel {...view} title="Does the score predict the outcome?" id="validation" className="validation">
      <OutcomePicker />
      {!validation && view.isCatchingUp ? (
        <p className="muted">Checking the score against the outcome…</p>
      ) : !validation ? (
        <p className="muted">Choose a yes/no outcome column (churned, renewed, won…) to see how well the CRS tells those customers apart, and to get weights fitted to it.</p>
      ) : validation.problem ? (
        <p className="warning">{validation.problem}</p>
      ) : (
        <>
          <p className="validation-headline">
            AUC <strong>{formatAuc(validation.auc)}</strong> <span className="muted">— {describeAuc(validation.auc)}.</span>{' '}
            <span className="muted small">
              The chance that a customer with the {validation.isGood ? 'yes' : 'no'} outcome has a higher CRS than one with the {validation.isGood ? 'no' : 'yes'} outcome ({formatCount(validation.known)}{' '}
              customers with a known {validation.column}, {formatCount(validation.yes)} yes).
            </span>
          </p>
          <div className="validation-grid">
            <figure className="chart roc-chart">
              <figcaption className="small roc-caption">
                ROC curve
                <span className="roc-actions">
                  <ChartExportButtons
                    onError={showAlert}
                    container={rocContainer}
                    title={`ROC curve against ${validation.column}`}
                    subtitle={() =>
                      `${datasetName} · AUC ${formatAuc(validation.auc)} (${describeAuc(validation.auc)}); ${formatCount(validation.known)} customers with a known ${validation.column}, ${formatCount(validation.yes)} yes. Weights: ${weightsSummary(store.getState().model)}.`
                    }
                    fileStem={`${fileStem(datasetName)}-roc`}
                    legend={[
                      { label: 'CRS', color: '#2457d6' },
                      { label: 'Chance (dashed)', color: '#888888' },
                    ]}
                  />
                </span>
              </figcaption>
              <div ref={rocContainer} className="chart-canvas" role="img" aria-label={`ROC curve of the CRS against ${validation.column}: area under it ${formatAuc(validation.auc)}.`}>
                <ResponsiveContainer width="100%" height="100%">
                  <LineChart data={roc} margin={{ top: 4, right: 8, bottom: 16, left: 0 }} accessibilityLayer={false}>
                    <CartesianGrid stroke="var(--grid)" />
                    <XAxis
                      dataKey="fpr"
                      type="number"
                      domain={[0, 1]}
                      ticks={[0, 0.5, 1]}
                      tick={{ fill: 'var(--muted)', fontSize: 11 }}
                      stroke="var(--grid)"
                      label={{ value: 'false-positive rate', position: 'insideBottom', offset: -10, fill: 'var(--muted)', fontSize: 11 }}
                    />
                    <YAxis type="number" domain={[0, 1]} ticks={[0, 0.5, 1]} tick={{ fill: 'var(--muted)', fontSize: 11 }} stroke="var(--grid)" width={32} />
                    <ReferenceLine
                      segment={[
                        { x: 0, y: 0 },
                        { x: 1, y: 1 },
                      ]}
                      stroke="var(--muted)"
                      strokeDasharray="4 3"
                    />
                    <Line dataKey="tpr" dot={false} stroke="var(--accent)" strokeWidth={2} isAnimationActive={false} />
                  </LineChart>
                </ResponsiveContainer>
              </div>
            </figure>
            <GainsTable />
            <div className="rate-tables">
              <RatesTable caption={`${validation.column} (yes) by band`} labels={BANDS.map((band) => BAND_LABELS[band])} rates={validation.byBand} />
              <RatesTable caption={`${validation.column} (yes) by relationship group`} labels={gridGroups(gridSize).map((group) => GROUP_LABELS[group])} rates={validation.byGroup} />
            </div>
          </div>
          <SuggestWeights />
        </>
      )}
    </Panel>
  );
}

function GainsTable() {
  const validation = useAppStore((s) => s.analysis?.validation ?? null);
  if (!validation) return null;
  const { gains } = validation;
  return (
    <table className="data-table gains-table">
      <caption>
        {validation.column} (yes) by CRS decile, {validation.isGood ? 'highest' : 'lowest'} CRS first
      </caption>
      <thead>
        <tr>
          <th scope="col">Decile</th>
          <th scope="col">Customers</th>
          <th scope="col">Yes rate</th>
          <th scope="col">Lift</th>
          <th scope="col">Gains</th>
        </tr>
      </thead>
      <tbody>
        {gains.count.map((count, d) => (
          <tr key={d}>
            <th scope="row">{d + 1}</th>
            <td>{formatCount(count)}</td>
            <td>{formatShare(gains.rate[d], 1)}</td>
            <td>{Number.isFinite(gains.lift[d]) ? `${gains.lift[d].toFixed(2)}×` : '–'}</td>
            <td>{formatShare(gains.gains[d], 1)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RatesTable({ caption, labels, rates }: { caption: string; labels: string[]; rates: OutcomeRates }) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Segment</th>
          <th scope="col">Known</th>
          <th scope="col">Yes rate</th>
        </tr>
      </thead>
      <tbody>
        {labels.map((label, s) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{formatCount(rates.known[s])}</td>
            <td>{formatShare(rates.positives[s], rates.known[s])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Asks for its parts only while on screen (src/state/demand.ts). */
export const ValidationPanel = withDemand(['validation', 'axes'], ValidationPanelBody);
