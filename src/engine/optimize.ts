// One-dimensional minimisation used where no closed form exists.

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
