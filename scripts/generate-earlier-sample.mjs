#!/usr/bin/env node
// Derives the sample's earlier snapshot (a quarter before) from public/sample-customers.csv, so
// "Since an earlier file" can be tried with one click. Deterministic (seeded); no dependencies.
//
//   node scripts/generate-earlier-sample.mjs [--seed S] [--source current.csv --out earlier.csv]
//
// The bench derives its 1M earlier file the same way from bench-data/ (scripts/benchBrowser.ts).
//
// Each customer had a trend over the quarter: most steady, some improving, some declining, so
// their engagement, CSAT, NPS, orders and support were a little different then. Customers who
// signed up during the quarter were not there yet (new now); about 3 % of the earlier customers
// have left since (gone now: earlier rows under ids the current file does not have).

import fs from 'node:fs';
import { mulberry32 } from './random.mjs';

const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const SOURCE = argument('--source', 'public/sample-customers.csv');
const OUT = argument('--out', 'public/sample-customers-earlier.csv');
const QUARTER_MONTHS = 3;
const GONE_SHARE = 0.03;

const rnd = mulberry32(Number(argument('--seed', 20260905)));

// The sample has no quoted cells with delimiters in ids or numbers; names with commas are quoted.
function splitLine(line) {
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}
const quote = (cell) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

const [headerLine, ...lines] = fs.readFileSync(SOURCE, 'utf8').trimEnd().split(/\r?\n/);
const header = splitLine(headerLine);
const col = (name) => header.indexOf(name);
const clamp = (value, low, high) => Math.min(high, Math.max(low, value));
const round = (value, digits) => Number(value.toFixed(digits));

/** A number cell moved by `delta` within [low, high]; a blank cell stays blank. */
function shifted(cells, name, delta, low, high, digits = 0) {
  const c = col(name);
  if (cells[c] === '') return;
  cells[c] = String(round(clamp(Number(cells[c]) + delta, low, high), digits));
}

const earlier = [];
for (const line of lines) {
  const cells = splitLine(line);
  const tenure = Number(cells[col('tenure_months')]);
  // Signed up during the quarter: not in the earlier export.
  if (tenure < QUARTER_MONTHS) continue;
  cells[col('tenure_months')] = String(tenure - QUARTER_MONTHS);
  // The quarter's trend: −1 (declined) … +1 (improved); the earlier values are the current ones less it.
  const roll = rnd();
  const trend = roll < 0.12 ? -(0.5 + rnd() * 0.5) : roll > 0.9 ? 0.5 + rnd() * 0.5 : (rnd() - 0.5) * 0.2;
  shifted(cells, 'engagement_score', -trend * 30, 0, 100);
  shifted(cells, 'csat', -Math.round(trend * 2), 1, 5);
  shifted(cells, 'nps', -Math.round(trend * 4), 0, 10);
  shifted(cells, 'orders_12m', -Math.round(trend * 4), 0, 1000);
  shifted(cells, 'support_rating', -Math.round(trend * 2), 1, 5);
  shifted(cells, 'support_tickets', Math.round(trend * 3), 0, 1000);
  shifted(cells, 'days_since_last_purchase', Math.round(trend * 20), 0, 3650);
  // Churn is an outcome of the quarter: nobody had churned yet among those still here.
  cells[col('churned')] = 'no';
  earlier.push(cells);
}
// Customers who have left since: earlier rows under ids the current file does not have.
const goneCount = Math.round(earlier.length * GONE_SHARE);
for (let k = 0; k < goneCount; k++) {
  const model = earlier[Math.floor(rnd() * earlier.length)];
  const cells = [...model];
  cells[col('customer_id')] = `G${String(k + 1).padStart(7, '0')}`;
  shifted(cells, 'engagement_score', -20, 0, 100);
  shifted(cells, 'csat', -1, 1, 5);
  earlier.push(cells);
}
fs.writeFileSync(OUT, [header, ...earlier].map((cells) => cells.map(quote).join(',')).join('\n') + '\n');
console.log(`wrote ${OUT}: ${earlier.length} customers (${goneCount} gone since)`);
