import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AGE_UNITS, ageUnitOf, defaultClvInputs, fitParameterRows, type AgeUnit, type ClvInputs } from '../../core/clv/fromDataset';
import { formatCount, formatShare, formatValue } from '../../core/display/format';
import { useAppStore } from '../../state/store';
import { Panel } from '../../ui/Panel';
import { ColumnPicker } from '../../ui/ColumnPicker';
import { HoldoutChart } from './HoldoutChart';
import { holdoutBucketLabel } from './holdoutChartData';

type ColumnField = 'orders' | 'age' | 'daysSinceLast' | 'orderValue' | 'revenue' | 'holdoutPurchases';
const FIELDS: readonly [ColumnField, string][] = [
  ['orders', 'Orders per customer'],
  ['age', 'Customer age (since first purchase)'],
  ['daysSinceLast', 'Days since last purchase'],
  ['orderValue', 'Average order value'],
  ['revenue', 'Revenue (if no order value)'],
  ['holdoutPurchases', 'Purchases after the period (holdout, optional)'],
];

const fixed = (value: number, digits = 3) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/**
 * Predicted lifetime value: BG/NBD (repeat purchases and drop-out) and Gamma-Gamma (spend)
 * fitted in the worker on the columns chosen here; P(alive) and CLV over a horizon.
 */
export function ClvPanel() {
  const columns = useAppStore(useShallow((s) => (s.dataset?.columns ?? []).filter((c) => c.kind === 'number').map((c) => c.name)));
  const dateColumns = useAppStore(useShallow((s) => (s.dataset?.columns ?? []).filter((c) => c.kind === 'date').map((c) => c.name)));
  // A fit the model carries (saved, shared or made before a reload) is where the inputs start; else guesses from the columns.
  const fitted = useAppStore((s) => s.model.lifetime);
  const guessed = useAppStore(useShallow((s) => defaultClvInputs(s.dataset?.columns ?? [], s.model)));
  const defaults = fitted ?? guessed;
  const [edited, setEdited] = useState<Partial<ClvInputs>>({});
  // A chosen age column brings the unit its name says (age_weeks → weeks), unless the unit was chosen too.
  const inputs: ClvInputs = { ...defaults, ...edited, ...(edited.age !== undefined && edited.ageUnit === undefined ? { ageUnit: ageUnitOf(edited.age) } : {}) };
  const outcome = useAppStore((s) => s.clvOutcome);
  // The figures are for the inputs last fitted (the model's); the pickers may have moved on since.
  const shownFor = fitted ?? inputs;
  const isStale = fitted !== null && (Object.keys(inputs) as (keyof ClvInputs)[]).some((key) => inputs[key] !== fitted[key]);
  const warning = outcome && outcome.ok ? outcome.result.warning : null;
  const fitting = useAppStore((s) => s.clvFitting);
  const requestClv = useAppStore((s) => s.requestClv);
  const hasDataset = useAppStore((s) => s.dataset !== null);
  // The model names a fit but this page has no result for it yet (a reload, an imported model): fit it again.
  useEffect(() => {
    if (fitted && hasDataset && outcome === null && !fitting) requestClv(fitted);
  }, [fitted, hasDataset, outcome, fitting, requestClv]);
  return (
    <Panel title="Predicted lifetime value" id="clv" className="clv">
      <div className="clv-inputs">
        {FIELDS.map(([field, label]) => (
          <ColumnPicker key={field} label={label} value={inputs[field]} columns={columns} onChange={(column) => setEdited({ ...edited, [field]: column })} />
        ))}
        {(['firstPurchase', 'lastPurchase'] as const).map((field) => (
          <ColumnPicker
            key={field}
            label={field === 'firstPurchase' ? 'First purchase date' : 'Last purchase date'}
            value={inputs[field]}
            columns={dateColumns}
            onChange={(column) => setEdited({ ...edited, [field]: column })}
          />
        ))}
        <label>
          <span>Age is in</span>
          <select value={inputs.ageUnit} onChange={(event) => setEdited({ ...edited, ageUnit: AGE_UNITS.find((u) => u === event.currentTarget.value) ?? ('months' as AgeUnit) })}>
            {AGE_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Horizon (months)</span>
          <input
            type="number"
            min={1}
            max={120}
            value={inputs.horizonMonths}
            onChange={(event) => setEdited({ ...edited, horizonMonths: Math.max(1, Math.min(120, Number(event.currentTarget.value) || 12)) })}
          />
        </label>
        <label>
          <span>Holdout length (months)</span>
          <input type="number" min={1} max={60} value={inputs.holdoutMonths} onChange={(event) => setEdited({ ...edited, holdoutMonths: Math.max(1, Math.min(60, Number(event.currentTarget.value) || 6)) })} />
        </label>
        <label>
          <span>Discount rate per month (%)</span>
          <input
            type="number"
            min={0}
            max={20}
            step={0.1}
            value={inputs.monthlyDiscount * 100}
            onChange={(event) => setEdited({ ...edited, monthlyDiscount: Math.max(0, Math.min(20, Number(event.currentTarget.value) || 0)) / 100 })}
          />
        </label>
      </div>
      <button type="button" className="button" onClick={() => requestClv(inputs)} disabled={fitting}>
        {fitting ? 'Fitting…' : 'Fit lifetime value'}
      </button>
      <p className="muted small">
        Repeat purchases = orders − 1. With first and last purchase dates, recency and age come from them, as of the latest purchase in the file; otherwise the first purchase is taken as the customer&apos;s
        start (age) and the last as age − days since last purchase. The fit runs in the background and may take a few seconds for a million customers.
      </p>
      {outcome && !outcome.ok ? <p className="warning">{outcome.problem}</p> : null}
      {outcome && outcome.ok ? (
        <div className="clv-result">
          {isStale ? (
            <p className="warning clv-stale">
              The figures below are for the inputs last fitted ({shownFor.horizonMonths}-month horizon, age in {shownFor.ageUnit}), not the ones above.{' '}
              <button type="button" className="button" onClick={() => requestClv(inputs)} disabled={fitting}>
                Refit with these inputs
              </button>
            </p>
          ) : null}
          {warning ? (
            <p className="warning clv-runaway">{warning}</p>
          ) : (
            <p className="clv-headline" role="group" aria-label={`Customers likely still active: ${formatShare(outcome.result.aliveShare, 1)}`}>
              <strong>{formatShare(outcome.result.aliveShare, 1)}</strong> of customers are more likely active than not (mean P(alive) {fixed(outcome.result.meanAlive, 2)}); predicted CLV over{' '}
              {shownFor.horizonMonths} months: mean <strong>{formatValue(outcome.result.meanClv)}</strong>, total {formatValue(outcome.result.totalClv)} ({formatCount(outcome.result.predicted)} customers).
            </p>
          )}
          {outcome.result.notes.map((note) => (
            <p key={note} className="warning clv-note">
              {note}
            </p>
          ))}
          <table className="data-table clv-fit">
            <caption>{warning ? 'Where the fit stopped (not estimates)' : 'Fitted parameters'}</caption>
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">Value</th>
                <th scope="col">Unit</th>
                <th scope="col">What it is</th>
              </tr>
            </thead>
            <tbody>
              {fitParameterRows(outcome.result).map((row) => (
                <tr key={row.name}>
                  <th scope="row">{row.name}</th>
                  <td>{fixed(row.value)}</td>
                  <td>{row.unit}</td>
                  <td>{row.meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small clv-fit-summary">
            BG/NBD: log-likelihood {fixed(outcome.result.bgnbd.logLikelihood, 1)} over {formatCount(outcome.result.bgnbd.customers)} customers
            {outcome.result.bgnbd.converged ? '' : ' (search stopped at its limit)'}.{' '}
            {outcome.result.spend
              ? `Gamma-Gamma: log-likelihood ${fixed(outcome.result.spend.logLikelihood, 1)} over ${formatCount(outcome.result.spend.customers)} repeat buyers${outcome.result.spend.converged ? '' : ' (search stopped at its limit)'}.`
              : 'Gamma-Gamma not fitted: no customer with repeat purchases and a positive spend.'}
          </p>
          {warning ? null : (
            <table className="data-table clv-alive">
              <caption>Customers by P(alive)</caption>
              <thead>
                <tr>
                  <th scope="col">P(alive)</th>
                  <th scope="col">Customers</th>
                </tr>
              </thead>
              <tbody>
                {outcome.result.aliveHistogram.map((count, bin) => (
                  <tr key={bin}>
                    <th scope="row">
                      {(bin / 10).toFixed(1)}–{((bin + 1) / 10).toFixed(1)}
                    </th>
                    <td>{formatCount(count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {outcome.result.holdout && !warning ? (
            <div className="clv-holdout-check">
              <HoldoutChart buckets={outcome.result.holdout} />
              <table className="data-table clv-holdout">
                <caption>Holdout check: purchases per customer after the period, expected by the fit against actual, by repeat purchases in the period</caption>
                <thead>
                  <tr>
                    <th scope="col">Repeat purchases</th>
                    <th scope="col">Customers</th>
                    <th scope="col">Expected</th>
                    <th scope="col">Actual</th>
                  </tr>
                </thead>
                <tbody>
                  {outcome.result.holdout.map((bucket) => (
                    <tr key={bucket.frequency}>
                      <th scope="row">{holdoutBucketLabel(bucket)}</th>
                      <td>{formatCount(bucket.customerCount)}</td>
                      <td>{fixed(bucket.expectedMean, 2)}</td>
                      <td>{fixed(bucket.actualMean, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
    </Panel>
  );
}
