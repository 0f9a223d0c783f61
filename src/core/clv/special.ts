// Special functions the lifetime-value models need: ln Γ and the Gauss hypergeometric ₂F₁.

/** Lanczos coefficients for g = 7, n = 9 (the widely used set; relative error ≈ 1e-15 on x ≥ 0.5). */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LN_TWO_PI = 0.9189385332046728;

/**
 * ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, 9 terms); below ½ by the
 * reflection Γ(x)Γ(1 − x) = π / sin(πx). NaN for x ≤ 0 or NaN: the models only ever ask
 * for Γ of positive shape parameters, and a non-positive one is a bug upstream.
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LN_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Cap on series terms for ₂F₁; at z ≤ 0.99 a series needs far fewer unless its parameters are huge. */
const HYP2F1_MAX_TERMS = 100_000;
const HYP2F1_RELATIVE_TOLERANCE = 1e-15;

/**
 * Gauss hypergeometric ₂F₁(a, b; c; z) = Σₖ (a)ₖ(b)ₖ / ((c)ₖ k!) · zᵏ by its power series.
 *
 * Domain: 0 ≤ z < 1, a, b > 0, and c not 0, −1, −2 … — what the BG/NBD expectations use
 * (z = t/(α+T+t); c = a + b + x − 1 is negative only for x = 0 with a + b < 1, and a
 * non-positive integer only when a + b = 1 exactly). With c > 0 every term is positive,
 * so there is no cancellation. Term k+1 / term k = (a+k)(b+k)/((c+k)(k+1)) · z → z, so
 * convergence is geometric at rate z once k passes about (a + b − c)/(1 − z); it slows as
 * z → 1 (a horizon t far beyond the customer's age α + T). The sum stops once a term is
 * below 1e-15 of the total and the tail is bounded; NaN if that has not happened within
 * 100,000 terms, or outside the domain.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z >= 0 && z < 1) || !(a > 0 && b > 0) || !Number.isFinite(c) || (c <= 0 && Number.isInteger(c))) return NaN;
  let term = 1;
  let sum = 1;
  let previousRatio = Infinity;
  for (let k = 0; k < HYP2F1_MAX_TERMS; k++) {
    const ratio = Math.abs(((a + k) * (b + k) * z) / ((c + k) * (k + 1)));
    term *= ((a + k) * (b + k) * z) / ((c + k) * (k + 1));
    sum += term;
    // Once c + k > 0 the ratio is a smooth function of k tending to z; once it is below 1
    // and either falling or below z, no later ratio exceeds m = max(ratio, z), so the tail
    // is at most |term|·m/(1 − m).
    const isSettled = c + k > 0 && ratio < 1 && (ratio <= previousRatio || ratio <= z);
    const m = Math.max(ratio, z);
    if (isSettled && Math.abs(term) <= HYP2F1_RELATIVE_TOLERANCE * Math.abs(sum) * (1 - m)) return sum;
    if (!Number.isFinite(sum)) return NaN;
    previousRatio = ratio;
  }
  return NaN;
}

/**
 * Digamma ψ(x) = d ln Γ(x)/dx for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10,
 * then the asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k·x²ᵏ) (absolute error ≈ 1e-15). NaN for x ≤ 0.
 */
export function digamma(x: number): number {
  if (!(x > 0)) return NaN;
  let shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const inverse2 = 1 / (x * x);
  const series = inverse2 * (1 / 12 - inverse2 * (1 / 120 - inverse2 * (1 / 252 - inverse2 * (1 / 240 - inverse2 * (1 / 132 - inverse2 * (691 / 32760))))));
  return shift + Math.log(x) - 0.5 / x - series;
}
