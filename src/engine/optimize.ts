// One-dimensional minimisation and root finding used where no closed form exists.

/** Golden-section search for the minimum of f on [lo, hi] (f unimodal there). */
export function goldenMin(f: (x: number) => number, lo: number, hi: number, tol = 1e-10, maxIter = 300): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < maxIter && Math.abs(b - a) > tol * (Math.abs(c) + Math.abs(d) + 1e-300); i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * A root of f between a and b, where f(a) = fa and f(b) = fb have opposite signs: Brent's method
 * (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4), inverse quadratic or
 * secant steps with a bisection whenever they would not shrink the bracket fast enough. It stops
 * when the bracket is within a few ulps of the root.
 */
export function brentRoot(f: (x: number) => number, a: number, b: number, fa: number, fb: number, maxIter = 100): number {
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIter; i++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = e = b - a;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 4 * Number.EPSILON * Math.abs(b) + Number.MIN_VALUE;
    const m = (c - b) / 2;
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const r0 = fa / fc;
        const r1 = fb / fc;
        p = s * (2 * m * r0 * (r0 - r1) - (b - a) * (r1 - 1));
        q = (r0 - 1) * (r1 - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = d;
      }
    } else {
      d = m;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  return b;
}
