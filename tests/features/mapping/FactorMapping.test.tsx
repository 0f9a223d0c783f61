import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FactorMapping } from '../../../src/features/mapping/FactorMapping';
import type { Shape } from '../../../src/core/model/model';
import { datasetSummary, renderWithStore } from '../renderWithStore';

function renderWithShape(shape: Shape) {
  return renderWithStore(<FactorMapping factorId="support" />, (s) => {
    s.setState({ dataset: datasetSummary(['tickets']) });
    s.getState().setFactorColumn('support', 'tickets');
    s.getState().setFactorShape('support', shape);
  });
}

describe('FactorMapping', () => {
  it('offers normalisation and direction for a linear factor', () => {
    renderWithShape({ kind: 'linear' });
    expect(screen.getByLabelText('Support quality normalisation')).toBeInTheDocument();
    expect(screen.getByLabelText('Support quality: higher is worse')).toBeInTheDocument();
  });

  it('a threshold reads the raw value: direction yes, normalisation no', () => {
    renderWithShape({ kind: 'threshold', at: 3 });
    expect(screen.queryByLabelText('Support quality normalisation')).toBeNull();
    expect(screen.getByLabelText('Support quality: higher is worse')).toBeInTheDocument();
  });

  it('a points table sets its own direction: neither control is shown', () => {
    renderWithShape({
      kind: 'points',
      steps: [
        { from: 0, points: 100 },
        { from: 3, points: 0 },
      ],
    });
    expect(screen.queryByLabelText('Support quality normalisation')).toBeNull();
    expect(screen.queryByLabelText('Support quality: higher is worse')).toBeNull();
  });
});
