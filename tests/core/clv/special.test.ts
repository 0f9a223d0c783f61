// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digamma, hyp2f1, lnGamma } from '../../../src/core/clv/special';

function close(actual: number, expected: number, relative: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)));
}

describe('lnGamma', () => {
  // Reference values: exact forms where there is one, else Python's math.lgamma (≈1e-16).
  it.each([
    [1, 0],
    [2, 0],
    [0.5, 0.5 * Math.log(Math.PI)],
    [1.5, Math.log(Math.sqrt(Math.PI) / 2)],
    [2.5, Math.log((3 * Math.sqrt(Math.PI)) / 4)],
    [10, Math.log(362880)],
    [0.001, 6.907178885383854],
    [0.1, 2.2527126517342055],
    [3.7, 1.4280723266653883],
    [17.25, 31.374622313677683],
    [100, 359.1342053695754],
    [1000, 5905.220423209181],
    [1e6, 12815504.569147611],
  ])('lnΓ(%f) = %f to 1e-14', (x, expected) => close(lnGamma(x), expected, 1e-14));

  it('ln n! for n up to 170 by summing logs', () => {
    let lnFactorial = 0;
    for (let n = 1; n <= 170; n++) {
      lnFactorial += Math.log(n);
      close(lnGamma(n + 1), lnFactorial, 1e-13);
    }
  });

  it('satisfies lnΓ(x + 1) = lnΓ(x) + ln x', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (x) => {
        close(lnGamma(x + 1), lnGamma(x) + Math.log(x), 1e-13);
      }),
    );
  });

  it('is NaN off its domain', () => {
    expect(lnGamma(0)).toBeNaN();
    expect(lnGamma(-1.5)).toBeNaN();
    expect(lnGamma(NaN)).toBeNaN();
  });
});

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    for (const z of [0, 0.1, 0.5, 0.9, 0.99]) {
      close(hyp2f1(1, 1, 2, z), z === 0 ? 1 : -Math.log(1 - z) / z, 1e-13);
      close(hyp2f1(0.7, 3.2, 3.2, z), Math.pow(1 - z, -0.7), 1e-13);
      const s = Math.sqrt(z);
      close(hyp2f1(0.5, 0.5, 1.5, z), z === 0 ? 1 : Math.asin(s) / s, 1e-13);
    }
  });

  it('agrees with Euler’s transformation ₂F₁(a,b;c;z) = (1−z)^(c−a−b) ₂F₁(c−a,c−b;c;z)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (a, b, extra, z) => {
          // c > a + b keeps c − a and c − b positive, inside the documented domain.
          const c = a + b + extra + 0.01;
          close(hyp2f1(a, b, c, z), Math.pow(1 - z, c - a - b) * hyp2f1(c - a, c - b, c, z), 1e-11);
        },
      ),
    );
  });

  it('is NaN outside 0 ≤ z < 1', () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, -0.1)).toBeNaN();
  });
});

describe('hyp2f1 with c < 0', () => {
  it('sums the series whose first terms alternate in sign', () => {
    close(hyp2f1(0.3, 0.4, -0.6, 0), 1, 1e-15);
    // Against 40 explicitly summed terms at a small z (the tail beyond is below 1e-60).
    const z = 0.01;
    let term = 1;
    let sum = 1;
    for (let k = 0; k < 40; k++) {
      term *= ((0.3 + k) * (0.4 + k) * z) / ((-0.6 + k) * (k + 1));
      sum += term;
    }
    close(hyp2f1(0.3, 0.4, -0.6, z), sum, 1e-14);
  });

  it('is NaN when c is a non-positive integer', () => {
    expect(hyp2f1(0.3, 0.4, 0, 0.5)).toBeNaN();
    expect(hyp2f1(0.3, 0.4, -2, 0.5)).toBeNaN();
  });
});

describe('digamma', () => {
  it.each([
    [1, -0.5772156649015329],
    [0.5, -1.9635100260214235],
    [2, 1 - 0.5772156649015329],
  ])('ψ(%f) = %f', (x, expected) => close(digamma(x), expected, 1e-14));

  it('is the derivative of lnGamma and satisfies ψ(x + 1) = ψ(x) + 1/x', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e3, noNaN: true }), (x) => {
        close(digamma(x + 1), digamma(x) + 1 / x, 1e-12);
        const h = 1e-5 * Math.max(x, 0.1);
        close(digamma(x), (lnGamma(x + h) - lnGamma(x - h)) / (2 * h), 1e-6);
      }),
    );
  });
});
