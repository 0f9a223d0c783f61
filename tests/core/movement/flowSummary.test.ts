// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { flowCaption, flowFigures, flowSummary } from '../../../src/core/movement/flowSummary';

const FROM = [
  { key: 'poor', label: 'Poor' },
  { key: 'average', label: 'Average' },
  { key: 'good', label: 'Good' },
  { key: 'new', label: 'New' },
];
const TO = [...FROM.slice(0, 3), { key: 'gone', label: 'Gone' }];
// Rows: earlier Poor, Average, Good, New; columns: current Poor, Average, Good, Gone.
const COUNTS = [700, 220, 40, 40, 420, 1400, 150, 30, 60, 380, 1430, 10, 30, 50, 40, 0];

describe('flowFigures', () => {
  it('splits customers into stayed, moved, new and gone, moves largest first', () => {
    const figures = flowFigures(FROM, TO, COUNTS);
    expect(figures).toMatchObject({ total: 5000, stayed: 3530, moved: 1270, newCount: 120, goneCount: 80 });
    expect(figures.stayed + figures.moved + figures.newCount + figures.goneCount).toBe(figures.total);
    expect(figures.moves.map((move) => move.count)).toEqual([420, 380, 220, 150, 60, 40]);
  });
});

describe('flowSummary', () => {
  it('names every category with its total, what stayed, the largest moves, new and gone', () => {
    expect(flowSummary('Band movement flow', FROM, TO, COUNTS, 'en-US')).toBe(
      'Band movement flow of 5,000 customers. Earlier: Poor 1,000, Average 2,000, Good 1,880, New 120. Current: Poor 1,210, Average 2,050, Good 1,660, Gone 80. ' +
        '3,530 stayed; largest moves: 420 Average → Poor, 380 Good → Average, 220 Poor → Average, 150 Average → Good, 60 Good → Poor, 40 Poor → Good; 120 new, 80 gone.',
    );
  });

  it('sums the moves past the fifth when more than one is left', () => {
    const four = ['A', 'B', 'C', 'D'].map((label) => ({ key: label, label }));
    // 100 stay in each; the 12 moves carry 12, 11, …, 1 customers in row order.
    let move = 13;
    const counts = Array.from({ length: 16 }, (_, k) => (Math.floor(k / 4) === k % 4 ? 100 : --move));
    expect(flowSummary('Group movement flow', four, four, counts, 'en-US')).toBe(
      'Group movement flow of 478 customers. Earlier: A 133, B 124, C 115, D 106. Current: A 118, B 119, C 120, D 121. ' +
        '400 stayed; largest moves: 12 A → B, 11 A → C, 10 A → D, 9 B → A, 8 B → C, and 28 more in 7 other moves.',
    );
  });

  it('says when no one moved, and leaves out new and gone when the chart has no such nodes', () => {
    const bands = FROM.slice(0, 3);
    expect(flowSummary('Band movement flow', bands, bands, [3, 0, 0, 0, 4, 0, 0, 0, 0], 'en-US')).toBe(
      'Band movement flow of 7 customers. Earlier: Poor 3, Average 4, Good 0. Current: Poor 3, Average 4, Good 0. 7 stayed; no one moved.',
    );
    expect(flowCaption(bands, bands, flowFigures(bands, bands, [3, 0, 0, 0, 4, 0, 0, 0, 0]), 'en-US')).toEqual(['7 stayed', '0 moved']);
  });

  it('says there is no one when every count is 0', () => {
    expect(flowSummary('Band movement flow', FROM, TO, new Array(16).fill(0), 'en-US')).toBe('Band movement flow: no customers in either snapshot.');
  });
});
