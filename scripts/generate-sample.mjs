#!/usr/bin/env node
// Generates a realistic, fully deterministic CRM customer export CSV.
//
//   node scripts/generate-sample.mjs [--rows N] [--seed S] [--out PATH]
//
// Defaults: rows=5000, seed=20261125, out=public/sample-customers.csv.
// Same seed + row count => byte-identical output. No dependencies.
//
// Every customer gets a latent "relationship health" h ~ N(0, 1) that drives
// engagement, satisfaction, NPS, order frequency, recency, support load and
// churn, so the columns are correlated the way real CRM data tends to be.

import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from './random.mjs';

// ---------------------------------------------------------------- CLI ----

const USAGE = 'usage: node scripts/generate-sample.mjs [--rows N] [--seed S] [--out PATH]';

function parseArgs(argv) {
  const opts = { rows: 5000, seed: 20261125, out: 'public/sample-customers.csv' };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq !== -1) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    if (arg === '-h' || arg === '--help') {
      console.log(USAGE);
      process.exit(0);
    }
    if (arg !== '--rows' && arg !== '--seed' && arg !== '--out') {
      fail(`unknown argument: ${argv[i]}`);
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) fail(`missing value for ${arg}`);
    }
    if (arg === '--out') {
      if (value === '') fail('--out must not be empty');
      opts.out = value;
    } else {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < 0) fail(`${arg} must be a non-negative integer, got "${value}"`);
      if (arg === '--rows') {
        // customer_id is padded to 7 digits; from 10,000,000 on it simply has 8 (the browser
        // benchmark's 10M file), so smaller files stay byte-identical.
        if (n > 99_999_999) fail('--rows must be at most 99999999 (customer_id has at most 8 digits)');
        opts.rows = n;
      } else {
        opts.seed = n;
      }
    }
  }
  return opts;
}

function fail(msg) {
  console.error(`generate-sample: ${msg}\n${USAGE}`);
  process.exit(1);
}

// ------------------------------------------------------------ reference --

const FIRST_NAMES = [
  'Emma',
  'Liam',
  'Olivia',
  'Noah',
  'Sophia',
  'Lucas',
  'Mia',
  'Ethan',
  'Åsa',
  'Jörg',
  'Zoë',
  'José',
  'Chloé',
  'Søren',
  'Ingrid',
  'Mateo',
  'Priya',
  'Arjun',
  'Yuki',
  'Hiroshi',
  'Mei',
  'Wei',
  'Fatima',
  'Omar',
  'Amara',
  'Kwame',
  'Lukas',
  'Anna',
  'Björn',
  'Elif',
  'Lucía',
  'Ana',
  'Thiago',
  'François',
  'Renée',
  'Dmitri',
  'Olga',
  'Sean',
  'Grace',
  'Daniel',
];

const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Wilson',
  'Müller',
  'Schmidt',
  'Ødegaard',
  'Núñez',
  'García',
  'López',
  'Martínez',
  'Fernández',
  'Øster',
  'Lindqvist',
  'Andersson',
  'Nielsen',
  'Kowalski',
  'Nowak',
  'Dvořák',
  'Novák',
  'Tanaka',
  'Suzuki',
  'Kim',
  'Chen',
  'Wang',
  'Patel',
  'Sharma',
  'Okafor',
  'Mensah',
  'Dubois',
  'Lefèvre',
  'Rossi',
  'Bianchi',
  "O'Brien",
  'Murphy',
  'Silva',
];

const COMPANIES = [
  'Acme Corp',
  'Globex Industries',
  'Initech',
  'Umbrella Logistics',
  'Stark Components',
  'Wayne Enterprises',
  'Northwind Traders',
  'Contoso Ltd',
  'Fabrikam Inc',
  'Tailspin Toys',
  'Berg, Holm & Co',
  'Smith, Jones and Partners',
  'Lund, Berg & Söner AB',
  'Nakamura, Ito & Sato KK',
  'The "Blue" Bakery',
  'Bluebird Analytics',
  'Redwood Health',
  'Silverline Finance',
  'Greenfield Farms',
  'Harbor Freight Lines',
  'Summit Outdoor Gear',
  'Pinnacle Software',
  'Lumen Energy',
  'Orbit Telecom',
  'Crestview Hotels',
  'Maple Leaf Media',
  'Atlas Construction',
  'Nordlicht GmbH',
  'Café Münster',
  'Soluciones Andinas S.A.',
  'Iberia Textiles',
  'Sakura Electronics',
  'Lotus Pharma',
  'Kiwi Freight NZ',
  'Sahara Solar',
  'Polaris Robotics',
  'Evergreen Retail',
  'Quantum Dynamics',
  'Riverbend Dental',
  'Cobalt Security',
];

const REGIONS = ['EMEA', 'North America', 'LATAM', 'APAC'];
const REGION_CUM = [0.36, 0.72, 0.84, 1.0];

// Segment parameters: yearly order rate, median order value, support load.
const SEGMENTS = [
  { name: 'SMB', cum: 0.6, orderRate: 4, aovMedian: 180, aovSigma: 0.55, ticketFactor: 1.0, churnShift: 0.15 },
  { name: 'Mid-market', cum: 0.9, orderRate: 9, aovMedian: 950, aovSigma: 0.5, ticketFactor: 1.3, churnShift: -0.1 },
  { name: 'Enterprise', cum: 1.0, orderRate: 22, aovMedian: 4800, aovSigma: 0.45, ticketFactor: 1.8, churnShift: -0.6 },
];

// Signup window and the "as of" date of the export (tenure reference).
const DAY_MS = 86_400_000;
const SIGNUP_START = Date.UTC(2016, 0, 1);
const SIGNUP_END = Date.UTC(2026, 9, 31);
const REF_DATE = Date.UTC(2026, 10, 1);
const SIGNUP_DAYS = Math.round((SIGNUP_END - SIGNUP_START) / DAY_MS) + 1;

// Precomputed per signup day: ISO date, whole months of tenure, age in days.
const DAY_ISO = new Array(SIGNUP_DAYS);
const DAY_TENURE = new Int32Array(SIGNUP_DAYS);
const DAY_AGE = new Int32Array(SIGNUP_DAYS);
for (let d = 0; d < SIGNUP_DAYS; d++) {
  const t = new Date(SIGNUP_START + d * DAY_MS);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + 1;
  const day = t.getUTCDate();
  DAY_ISO[d] = `${y}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
  // Whole months from signup to REF_DATE (2026-11-01); the reference is the
  // 1st of a month, so a partial month is lost unless signup was on the 1st.
  DAY_TENURE[d] = (2026 - y) * 12 + (11 - m) - (day > 1 ? 1 : 0);
  DAY_AGE[d] = Math.round((REF_DATE - (SIGNUP_START + d * DAY_MS)) / DAY_MS);
}

// -------------------------------------------------------------- helpers --

const clamp = (x, lo, hi) => (x < lo ? lo : x > hi ? hi : x);

function csvField(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const ASCII_MAP = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };
function asciiSlug(s) {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øæœßđðłþı]/g, (c) => ASCII_MAP[c])
    .replace(/[^a-z0-9-]/g, '');
}

const LAST_SLUG = LAST_NAMES.map(asciiSlug);
const FIRST_SLUG = FIRST_NAMES.map(asciiSlug);
const COMPANY_CSV = COMPANIES.map(csvField);
const REGION_CSV = REGIONS.map(csvField);

// ------------------------------------------------------------ generator --

function generate({ rows, seed, out }) {
  const rnd = mulberry32(seed);

  let spare = NaN;
  function normal() {
    if (spare === spare) {
      const s = spare;
      spare = NaN;
      return s;
    }
    let u = rnd();
    while (u === 0) u = rnd();
    const r = Math.sqrt(-2 * Math.log(u));
    const th = 2 * Math.PI * rnd();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  }

  function poisson(lambda) {
    if (lambda <= 0) return 0;
    if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
    const L = Math.exp(-lambda);
    let k = 0;
    let p = rnd();
    while (p > L) {
      k++;
      p *= rnd();
    }
    return k;
  }

  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];

  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const fd = fs.openSync(out, 'w');
  let bytes = 0;
  let buf = '';
  const FLUSH_AT = 1 << 20;

  function flush() {
    if (buf.length === 0) return;
    const b = Buffer.from(buf, 'utf8');
    let off = 0;
    while (off < b.length) off += fs.writeSync(fd, b, off, b.length - off);
    bytes += b.length;
    buf = '';
  }

  buf +=
    'customer_id,customer_name,company,region,segment,signup_date,tenure_months,' +
    'engagement_score,csat,nps,orders_12m,total_revenue,avg_order_value,' +
    'days_since_last_purchase,support_tickets,support_rating,churned,email\n';

  try {
    for (let i = 1; i <= rows; i++) {
      const h = normal();

      // Identity.
      const fi = Math.floor(rnd() * FIRST_NAMES.length);
      const li = Math.floor(rnd() * LAST_NAMES.length);
      const name = csvField(`${FIRST_NAMES[fi]} ${LAST_NAMES[li]}`);
      const company = pick(COMPANY_CSV);
      const ur = rnd();
      const region = REGION_CSV[ur < REGION_CUM[0] ? 0 : ur < REGION_CUM[1] ? 1 : ur < REGION_CUM[2] ? 2 : 3];
      const us = rnd();
      const seg = SEGMENTS[us < SEGMENTS[0].cum ? 0 : us < SEGMENTS[1].cum ? 1 : 2];

      // Signup skewed towards recent years (a growing customer base).
      const dayIdx = Math.min(SIGNUP_DAYS - 1, Math.floor(Math.pow(rnd(), 0.75) * SIGNUP_DAYS));
      const tenure = DAY_TENURE[dayIdx];
      const ageDays = DAY_AGE[dayIdx];

      // Churn: logistic in -h, new customers and SMBs churn a bit more.
      const churnLogit = -1.85 - 1.35 * h + seg.churnShift + (tenure < 6 ? 0.5 : 0);
      const churned = rnd() < 1 / (1 + Math.exp(-churnLogit));

      // Survey-style scores.
      const engagement = clamp(Math.round(55 + 17 * h + 9 * normal() - (churned ? 8 : 0)), 0, 100);
      const csat = clamp(Math.round(3.7 + 0.75 * h + 0.6 * normal()), 1, 5);
      const nps = clamp(Math.round(7.1 + 1.7 * h + 1.1 * normal()), 0, 10);

      // Orders in the last 12 months (scaled down for customers younger than a year).
      const yearlyRate = seg.orderRate * Math.exp(0.45 * h + 0.25 * normal());
      const activeFrac = Math.min(1, ageDays / 365);
      let orders12 = poisson(yearlyRate * activeFrac * (churned ? 0.3 : 1));
      if (orders12 === 0 && ageDays <= 365) orders12 = 1; // at least the first order

      // Recency consistent with orders_12m and signup date.
      let days;
      if (orders12 === 0) {
        days = 366 + Math.floor(rnd() * (Math.min(720, ageDays) - 366 + 1));
      } else {
        const meanGap = (365 / (orders12 + 1)) * (churned ? 2.5 : 1) * Math.exp(-0.2 * h);
        days = Math.floor(-Math.log(1 - rnd()) * meanGap);
        days = Math.min(days, 365, ageDays);
      }

      // Lifetime orders & revenue.
      const years = ageDays / 365;
      const lifetimeOrders = Math.max(orders12, 1, Math.round(yearlyRate * years * (0.6 + 0.5 * rnd())));
      const aov = seg.aovMedian * Math.exp(seg.aovSigma * normal() + 0.1 * h);
      const revenueCents = Math.max(100, Math.round(aov * lifetimeOrders * 100));
      const revenue = (revenueCents / 100).toFixed(2);
      const avgOrder = (revenueCents / 100 / lifetimeOrders).toFixed(2);

      // Support load: more tickets for unhealthy and larger accounts.
      const tickets = Math.min(15, poisson(1.4 * seg.ticketFactor * Math.exp(-0.6 * h)));
      const ratingBlank = rnd() < (tickets === 0 ? 0.3 : 0.04);
      const rating = clamp(Math.round(3.7 + 0.7 * h - 0.08 * tickets + 0.7 * normal()), 1, 5);

      // Missing values.
      const engBlank = rnd() < 0.02;
      const csatBlank = rnd() < 0.03;
      const npsBlank = rnd() < 0.05;

      const id = String(i).padStart(7, '0');
      buf +=
        `C${id},${name},${company},${region},${seg.name},${DAY_ISO[dayIdx]},${tenure},` +
        `${engBlank ? '' : engagement},${csatBlank ? '' : csat},${npsBlank ? '' : nps},` +
        `${orders12},${revenue},${avgOrder},${days},${tickets},${ratingBlank ? '' : rating},` +
        `${churned ? 'yes' : 'no'},${FIRST_SLUG[fi]}.${LAST_SLUG[li]}${i}@example.com\n`;

      if (buf.length >= FLUSH_AT) flush();
    }
    flush();
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

const opts = parseArgs(process.argv.slice(2));
const bytes = generate(opts);
console.log(`wrote ${opts.rows} rows (${(bytes / 1e6).toFixed(2)} MB) to ${opts.out}`);
