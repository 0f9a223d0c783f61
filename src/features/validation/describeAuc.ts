/** How an AUC reads to someone who does not know the word. */
export function describeAuc(value: number): string {
  if (!Number.isFinite(value)) return 'cannot be measured';
  if (value < 0.5) return 'worse than chance: the score points the wrong way';
  if (value < 0.6) return 'barely better than chance';
  if (value < 0.7) return 'weak';
  if (value < 0.8) return 'useful';
  if (value < 0.9) return 'strong';
  return 'very strong';
}
