// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { flowGeometry, labelLines } from '../../../src/core/movement/flowGeometry';

const BANDS_FROM = [
  { key: 'poor', label: 'Poor' },
  { key: 'average', label: 'Average' },
  { key: 'good', label: 'Good' },
  { key: 'new', label: 'New' },
];
const BANDS_TO = [...BANDS_FROM.slice(0, 3), { key: 'gone', label: 'Gone' }];
// Rows: earlier Poor, Average, Good, New; columns: current Poor, Average, Good, Gone.
const COUNTS = [700, 220, 40, 40, 420, 1400, 150, 30, 60, 380, 1430, 10, 30, 50, 40, 0];

describe('labelLines', () => {
  it.each([
    ['Good', '1,234', 20, [{ text: 'Good', count: '1,234' }]],
    [
      'Occasional buyers',
      '1,195',
      13,
      [
        { text: 'Occasional', count: '' },
        { text: 'buyers', count: '1,195' },
      ],
    ],
    [
      'Butterflies',
      '1,297',
      13,
      [
        { text: 'Butterflies', count: '' },
        { text: '', count: '1,297' },
      ],
    ],
    [
      'A very long group name',
      '5',
      8,
      [
        { text: 'A very', count: '' },
        { text: 'long…', count: '5' },
      ],
    ],
    [
      'Extraordinarily',
      '12',
      8,
      [
        { text: 'Extraor…', count: '' },
        { text: '', count: '12' },
      ],
    ],
  ])('%j with %j in %d characters', (name, count, maxChars, lines) => {
    expect(labelLines(name, count, maxChars)).toEqual(lines);
  });
});

describe('flowGeometry', () => {
  it.each([1000, 550, 330])('at %d px: bars and labels inside the chart, labels apart, ribbons between the bars', (width) => {
    const g = flowGeometry(BANDS_FROM, BANDS_TO, COUNTS, width, 'en-US');
    expect(g.isEmpty).toBe(false);
    expect(g.fromLabelX).toBeGreaterThan(0);
    expect(g.toLabelX).toBeLessThan(width);
    expect(g.rightX - (g.leftX + g.nodeWidth)).toBeGreaterThanOrEqual(Math.min(80, width * 0.3));
    for (const labels of [g.fromLabels, g.toLabels]) {
      const ys = labels.flatMap((label) => label.lines.map((line) => line.y));
      for (let k = 1; k < ys.length; k++) expect(ys[k] - ys[k - 1]).toBeGreaterThanOrEqual(14 - 1e-9);
      for (const y of ys) expect(y > 0 && y < g.height).toBe(true);
    }
    expect(g.fromLabels.map((label) => label.lines.map((line) => `${line.text} ${line.count}`).join(' / '))).toEqual(['Poor 1,000', 'Average 2,000', 'Good 1,880', 'New 120']);
  });

  it('draws stays first, so the moves lie over them, and names each ribbon for its tooltip', () => {
    const g = flowGeometry(BANDS_FROM, BANDS_TO, COUNTS, 800, 'en-US');
    const firstMove = g.ribbons.findIndex((ribbon) => !ribbon.isStay);
    expect(g.ribbons.slice(0, firstMove).map((ribbon) => ribbon.title)).toEqual(['700 Poor → Poor', '1,400 Average → Average', '1,430 Good → Good']);
    expect(g.ribbons.slice(firstMove).every((ribbon) => !ribbon.isStay)).toBe(true);
    expect(g.ribbons).toHaveLength(15);
  });

  it('labels only the nodes with customers', () => {
    const g = flowGeometry(BANDS_FROM, BANDS_TO, [500, 0, 0, 0, 300, 0, 0, 0, 200, 0, 0, 25, 0, 0, 0, 0], 600, 'en-US');
    expect(g.fromLabels.map((label) => label.node)).toEqual([0, 1, 2]);
    expect(g.toLabels.map((label) => label.node)).toEqual([0, 3]);
  });

  it('is empty, short and NaN-free when no one is in either snapshot', () => {
    const g = flowGeometry(BANDS_FROM, BANDS_TO, new Array(16).fill(0), 600, 'en-US');
    expect(g.isEmpty).toBe(true);
    expect(g.ribbons).toEqual([]);
    expect(g.fromLabels).toEqual([]);
    expect(JSON.stringify(g)).not.toMatch(/NaN|null/);
  });

  it('wraps long group names at phone width rather than squeezing the ribbons', () => {
    const from = [
      { key: 'occasional', label: 'Occasional buyers' },
      { key: 'core', label: 'Core customers' },
    ];
    const g = flowGeometry(from, from, [1195, 20, 30, 865], 330, 'en-US');
    expect(g.fromLabels[0].lines.map((line) => line.text)).toEqual(['Occasional', 'buyers']);
    expect(g.rightX - (g.leftX + g.nodeWidth)).toBeGreaterThanOrEqual(99);
  });
});
