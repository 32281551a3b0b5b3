// Numbers as people read them in tables, figure titles and the terminal: four significant
// digits, exponents only for the very large and the very small, '-' for a missing value.

export function formatNumber(value: number | null, digits = 4): string {
  if (value === null || Number.isNaN(value)) return '-';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(2);
  return Number(value.toPrecision(digits)).toString();
}
