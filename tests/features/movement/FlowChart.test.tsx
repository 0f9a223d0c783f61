import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FlowChart, type FlowNode } from '../../../src/features/movement/FlowChart';
import { downloadBlob } from '../../../src/ui/download';
import { BAND_FILLS } from '../../../src/ui/palette';

vi.mock('../../../src/ui/download', () => ({ downloadBlob: vi.fn() }));

// jsdom's Blob has no text() (browsers have had it since 2019); read through its FileReader.
if (!('text' in Blob.prototype)) {
  Object.defineProperty(Blob.prototype, 'text', {
    value(this: Blob) {
      return new Promise<string>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.onerror = () => reject(reader.error);
        reader.readAsText(this);
      });
    },
  });
}

const FROM: FlowNode[] = [
  { key: 'poor', label: 'Poor', color: BAND_FILLS[0] },
  { key: 'average', label: 'Average', color: BAND_FILLS[1] },
  { key: 'good', label: 'Good', color: BAND_FILLS[2] },
  { key: 'new', label: 'New', color: '#3f86d1' },
];
const TO: FlowNode[] = [...FROM.slice(0, 3), { key: 'gone', label: 'Gone', color: '#8a93a6' }];
// Rows: earlier Poor, Average, Good, New; columns: current Poor, Average, Good, Gone.
const COUNTS = Uint32Array.from([700, 220, 40, 40, 420, 1400, 150, 30, 60, 380, 1430, 10, 30, 50, 40, 0]);

function renderChart(counts: ArrayLike<number> = COUNTS) {
  const onError = vi.fn();
  render(<FlowChart title="Band movement flow" from={FROM} to={TO} counts={counts} fileStem="customers-band-flow" onError={onError} />);
  return { onError };
}

afterEach(() => vi.mocked(downloadBlob).mockClear());

describe('FlowChart', () => {
  it('says in words who stayed, the largest moves, and who is new or gone', () => {
    renderChart();
    const chart = screen.getByRole('img', { name: /^Band movement flow/ });
    expect(chart).toHaveAccessibleName(
      'Band movement flow of 5,000 customers. Earlier: Poor 1,000, Average 2,000, Good 1,880, New 120. Current: Poor 1,210, Average 2,050, Good 1,660, Gone 80. ' +
        '3,530 stayed; largest moves: 420 Average → Poor, 380 Good → Average, 220 Poor → Average, 150 Average → Good, 60 Good → Poor, 40 Poor → Good; 120 new, 80 gone.',
    );
    expect(screen.getByRole('figure')).toHaveTextContent('3,530 stayed1,270 moved120 new80 gone');
  });

  it('draws a ribbon per pair with customers and labels each node, with nothing focusable inside the image', () => {
    renderChart();
    const chart = screen.getByRole('img', { name: /^Band movement flow/ });
    expect(chart.querySelectorAll('svg.chart-svg path')).toHaveLength(15);
    expect(chart).toHaveTextContent('Poor1,000');
    expect(chart).toHaveTextContent('Gone80');
    expect(chart.querySelectorAll('a, button, input, select, textarea, [tabindex]')).toHaveLength(0);
    expect(document.body).not.toHaveTextContent('NaN');
  });

  it('exports the chart as a standalone SVG that keeps the band colours', async () => {
    const user = userEvent.setup();
    const { onError } = renderChart();
    expect(screen.getByRole('button', { name: 'Export PNG: Band movement flow' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Export SVG: Band movement flow' }));
    expect(onError).not.toHaveBeenCalled();
    const [blob, name] = vi.mocked(downloadBlob).mock.calls[0];
    expect(name).toBe('customers-band-flow.svg');
    const svg = await blob.text();
    expect(svg).toContain('<title>Band movement flow</title>');
    for (const color of BAND_FILLS) expect(svg).toContain(`fill="${color}"`);
    expect(svg).not.toContain('var(');
  });

  it('draws no ribbons and says so when no one is in either snapshot', () => {
    renderChart(new Float64Array(16));
    const chart = screen.getByRole('img', { name: 'Band movement flow: no customers in either snapshot.' });
    expect(within(chart).getByText('No customers in either snapshot')).toBeInTheDocument();
    expect(chart.querySelectorAll('path, rect')).toHaveLength(0);
  });
});
