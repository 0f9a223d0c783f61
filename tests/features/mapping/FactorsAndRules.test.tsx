import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MappingPanel } from '../../../src/features/mapping/MappingPanel';
import { WeightsPanel } from '../../../src/features/weights/WeightsPanel';
import type { AppStore } from '../../../src/state/store';
import { datasetSummary, renderWithStore } from '../renderWithStore';

/** engagement_score and csat are recognised; logins and tickets are not; churned is yes/no. */
function arrange(store: AppStore) {
  const summary = datasetSummary(['engagement_score', 'csat', 'logins', 'tickets']);
  summary.columns.push({ name: 'churned', kind: 'flag', isScanned: true, missing: 0, invalid: 0, min: 0, max: 1 });
  summary.columns.find((c) => c.name === 'tickets')!.max = 12;
  store.getState().datasetLoaded(summary);
}

const factor = (store: AppStore, id: string) => store.getState().model.factors.find((f) => f.id === id);

describe('adding and removing factors', () => {
  it('adds a factor from any numeric column, with its own fieldset and weight slider', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(
      <>
        <MappingPanel />
        <WeightsPanel />
      </>,
      arrange,
    );
    const add = screen.getByRole('button', { name: 'Add factor' });
    expect(add).toBeDisabled();
    await user.selectOptions(screen.getByLabelText('Add a factor'), 'logins');
    await user.click(add);
    expect(factor(store, 'custom-1')).toMatchObject({ label: 'logins', column: 'logins', weight: 10, shape: { kind: 'linear' } });
    expect(screen.getByRole('group', { name: 'logins' })).toBeInTheDocument();
    expect(screen.getByLabelText('logins column')).toHaveValue('logins');
    expect(screen.getByRole('slider', { name: 'logins weight' })).toHaveValue('10');
    expect(screen.getByLabelText('Add a factor')).toHaveValue('');
  });

  it('removes a factor by its button, but never the last one', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, arrange);
    for (const label of ['Engagement', 'Satisfaction', 'Purchase history']) await user.click(screen.getByRole('button', { name: `Remove ${label}` }));
    expect(store.getState().model.factors.map((f) => f.id)).toEqual(['support']);
    expect(screen.queryByRole('group', { name: 'Engagement' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove Support quality' })).toBeDisabled();
  });
});

describe('factor shapes', () => {
  it('switches to diminishing returns and edits "half the gain at"; an invalid value is not applied', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, arrange);
    await user.selectOptions(screen.getByLabelText('Engagement shape'), 'saturating');
    expect(factor(store, 'engagement')?.shape).toEqual({ kind: 'saturating', halfAt: 25 });
    const halfAt = screen.getByLabelText('Engagement: half the gain at');
    await user.clear(halfAt);
    expect(halfAt).toHaveAttribute('aria-invalid', 'true');
    await user.type(halfAt, '40');
    expect(factor(store, 'engagement')?.shape).toEqual({ kind: 'saturating', halfAt: 40 });
    await user.selectOptions(screen.getByLabelText('Engagement shape'), 'threshold');
    await user.clear(screen.getByLabelText('Engagement: step at'));
    await user.type(screen.getByLabelText('Engagement: step at'), '70');
    expect(factor(store, 'engagement')?.shape).toEqual({ kind: 'threshold', at: 70 });
  });

  it('edits a points table: tickets 0 → 100, 1 → 60, 3 → 0, rows added and removed by keyboard', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, arrange);
    await user.selectOptions(screen.getByLabelText('Add a factor'), 'tickets');
    await user.click(screen.getByRole('button', { name: 'Add factor' }));
    await user.selectOptions(screen.getByLabelText('tickets shape'), 'points');
    // The default table from the column's range 0..12: 0 below 6, 100 from 6.
    expect(factor(store, 'custom-1')?.shape).toEqual({
      kind: 'points',
      steps: [
        { from: 0, points: 0 },
        { from: 6, points: 100 },
      ],
    });
    const table = screen.getByRole('group', { name: 'tickets points table' });
    const set = async (label: string, value: string) => {
      const input = within(table).getByLabelText(label);
      await user.clear(input);
      await user.type(input, value);
    };
    await set('tickets step 1 points', '100');
    await set('tickets step 2 from', '1');
    await set('tickets step 2 points', '60');
    within(table).getByRole('button', { name: 'Add tickets step' }).focus();
    await user.keyboard('{Enter}');
    await set('tickets step 3 from', '3');
    await set('tickets step 3 points', '0');
    expect(factor(store, 'custom-1')?.shape).toEqual({
      kind: 'points',
      steps: [
        { from: 0, points: 100 },
        { from: 1, points: 60 },
        { from: 3, points: 0 },
      ],
    });
    await user.click(within(table).getByRole('button', { name: 'Remove tickets step 2' }));
    expect(factor(store, 'custom-1')?.shape).toEqual({
      kind: 'points',
      steps: [
        { from: 0, points: 100 },
        { from: 3, points: 0 },
      ],
    });
  });

  it('sorts the steps when a "from" is left out of order', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, arrange);
    // Support quality was mapped to tickets (0..12): the default table is 0 below 6 and 100 from 6.
    await user.selectOptions(screen.getByLabelText('Support quality shape'), 'points');
    expect(factor(store, 'support')?.shape).toEqual({
      kind: 'points',
      steps: [
        { from: 0, points: 0 },
        { from: 6, points: 100 },
      ],
    });
    const first = screen.getByLabelText('Support quality step 1 from');
    await user.clear(first);
    await user.type(first, '9');
    expect(factor(store, 'support')?.shape).toEqual({
      kind: 'points',
      steps: [
        { from: 9, points: 0 },
        { from: 6, points: 100 },
      ],
    });
    await user.tab();
    expect(factor(store, 'support')?.shape).toEqual({
      kind: 'points',
      steps: [
        { from: 6, points: 100 },
        { from: 9, points: 0 },
      ],
    });
    expect(screen.getByLabelText('Support quality step 1 from')).toHaveValue(6);
    expect(screen.getByLabelText('Support quality step 2 points')).toHaveValue(0);
  });
});

describe('rules', () => {
  it('adds a rule, sets column, condition, value and points, and removes it', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, arrange);
    const rules = screen.getByRole('group', { name: 'Rules' });
    await user.click(within(rules).getByRole('button', { name: 'Add rule' }));
    expect(store.getState().model.rules).toEqual([{ id: 'rule-1', column: 'engagement_score', when: 'above', value: 50, points: 10 }]);
    await user.selectOptions(within(rules).getByLabelText('Rule 1 column'), 'logins');
    await user.clear(within(rules).getByLabelText('Rule 1 value'));
    await user.type(within(rules).getByLabelText('Rule 1 value'), '5');
    await user.clear(within(rules).getByLabelText('Rule 1 points'));
    await user.type(within(rules).getByLabelText('Rule 1 points'), '-20');
    expect(store.getState().model.rules[0]).toEqual({ id: 'rule-1', column: 'logins', when: 'above', value: 5, points: -20 });
    // yes/no columns can be chosen; "is yes" needs no value.
    await user.click(within(rules).getByRole('button', { name: 'Add rule' }));
    await user.selectOptions(within(rules).getByLabelText('Rule 2 column'), 'churned');
    await user.selectOptions(within(rules).getByLabelText('Rule 2 condition'), 'yes');
    expect(within(rules).queryByLabelText('Rule 2 value')).toBeNull();
    expect(store.getState().model.rules[1]).toMatchObject({ column: 'churned', when: 'yes', points: 10 });
    await user.click(within(rules).getByRole('button', { name: 'Remove rule 1' }));
    expect(store.getState().model.rules.map((r) => r.column)).toEqual(['churned']);
    expect(within(rules).getByLabelText('Rule 1 column')).toHaveValue('churned');
  });

  it('points beyond ±100 are not applied', async () => {
    const user = userEvent.setup();
    const { store } = renderWithStore(<MappingPanel />, arrange);
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    const points = screen.getByLabelText('Rule 1 points');
    await user.clear(points);
    await user.type(points, '150');
    expect(points).toHaveAttribute('aria-invalid', 'true');
    expect(store.getState().model.rules[0].points).toBe(15);
  });
});
