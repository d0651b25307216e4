/**
 * The two-sided 95% quantile of Student's t distribution (t such that P(|T| <= t) = 0.95), for
 * confidence intervals of fitted slopes from a handful of points.
 */

/** t(0.975, df) for df = 1..30, from the standard table. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086,
  2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The normal distribution's 97.5% quantile. */
const Z975 = 1.959963984540054;

/**
 * t(0.975, df). Beyond the table, the Cornish-Fisher expansion around the normal quantile
 * (error below 1e-4 from df = 31 on). Throws for df < 1: no interval exists then.
 */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`tQuantile975: df must be >= 1, got ${df}`);
  const whole = Math.floor(df);
  if (whole <= T975.length) return T975[whole - 1]!;
  const z = Z975;
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
}
