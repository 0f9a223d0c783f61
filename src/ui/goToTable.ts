/** Shows the customer table, where a list just chosen is, and moves focus to its heading. */
export function goToTable(): void {
  const table = document.getElementById('customers-title');
  table?.closest('section')?.scrollIntoView({ block: 'start' });
  table?.focus({ preventScroll: true });
}
