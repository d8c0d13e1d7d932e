/** Dollars with enough digits to show a lab's tiny amounts ($0.000042). */
export function formatUsd(amount: number, language: string): string {
  const digits = amount === 0 ? 2 : amount < 0.01 ? 6 : amount < 1 ? 4 : 2;
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

export function formatQuantity(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumSignificantDigits: 4 }).format(value);
}
