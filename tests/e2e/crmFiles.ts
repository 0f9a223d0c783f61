// CRM-shaped files for the browser journeys (and for trying the app by hand): a Salesforce
// accounts export and a HubSpot contacts export, written by seeded generators. Not a test file.

/** A seeded pseudo-random stream, so every run writes the same files. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const us = (d: Date) => `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}`;
const day = (offset: number) => new Date(Date.UTC(2026, 10, 30) - offset * 86_400_000);

/** Salesforce accounts: US dates, "9:05 AM" activity times, a Hot/Warm/Cold rating, true/false churn. */
export function salesforceRows(count: number): string[][] {
  const next = random(3);
  const rows = [['Account ID', 'Annual Revenue', 'Created Date', 'Last Activity', 'Rating', 'CSAT__c', 'NPS__c', 'Open Cases', 'Customer Since', 'Churned__c']];
  for (let i = 0; i < count; i++) {
    const since = day(30 + Math.floor(next() * 3000));
    const activity = day(Math.floor(next() * 200));
    rows.push([
      `0015g00000${String(i).padStart(5, '0')}`,
      String(Math.round(20000 + next() * 900000)),
      us(since),
      `${us(activity)}, ${1 + Math.floor(next() * 12)}:${String(Math.floor(next() * 60)).padStart(2, '0')} ${next() < 0.5 ? 'AM' : 'PM'}`,
      ['Hot', 'Warm', 'Cold'][Math.floor(next() * 3)],
      String(Math.round(40 + next() * 60)),
      String(Math.floor(next() * 11)),
      String(Math.floor(next() * 6)),
      us(since),
      next() < 0.2 ? 'true' : 'false',
    ]);
  }
  return rows;
}

/** HubSpot contacts: ISO date-times, sessions, a HubSpot score, revenue, and a lifecycle stage. */
export function hubspotRows(count: number): string[][] {
  const next = random(5);
  const rows = [['Record ID', 'First Name', 'Last Name', 'Email', 'Create Date', 'Last Activity Date', 'Number of Sessions', 'HubSpot Score', 'Total Revenue', 'Became a Customer Date', 'Lifecycle Stage']];
  const stamp = (d: Date) => `${d.toISOString().slice(0, 10)} ${String(Math.floor(next() * 24)).padStart(2, '0')}:${String(Math.floor(next() * 60)).padStart(2, '0')}`;
  for (let i = 0; i < count; i++) {
    const created = day(100 + Math.floor(next() * 2000));
    const customer = day(30 + Math.floor(next() * 1500));
    rows.push([
      String(51000 + i),
      `First${i}`,
      `O'Last${i}`,
      `person${i}@example.com`,
      stamp(created),
      stamp(day(Math.floor(next() * 120))),
      String(Math.floor(next() * 80)),
      String(Math.floor(next() * 100)),
      (next() * 50000).toFixed(2),
      stamp(customer),
      'customer',
    ]);
  }
  return rows;
}

export const csv = (rows: string[][]) => rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n') + '\r\n';
