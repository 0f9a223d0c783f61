import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { Menu } from '../../src/ui/Menu';

describe('Menu', () => {
  it('opens on its button, is reached by Tab, and closes on Escape with focus back on the button', async () => {
    const user = userEvent.setup();
    render(
      <Menu label="More">
        <button type="button">Dashboard PNG</button>
      </Menu>,
    );
    const toggle = screen.getByRole('button', { name: 'More' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('button', { name: 'Dashboard PNG' })).toBeNull(); // hidden content is not in the accessibility tree
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.tab();
    expect(screen.getByRole('button', { name: 'Dashboard PNG' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();
  });

  it('closes on a click outside it', async () => {
    const user = userEvent.setup();
    render(
      <>
        <p>outside</p>
        <Menu label="More">
          <button type="button">Print report</button>
        </Menu>
      </>,
    );
    await user.click(screen.getByRole('button', { name: /More/ }));
    await user.click(screen.getByText('outside'));
    expect(screen.getByRole('button', { name: /More/ })).toHaveAttribute('aria-expanded', 'false');
  });
});
