// Numbers and dates as Vietnamese readers write them (1.234.567; 87,5; 31/10/2026); English uses 1,234,567 and 87.5.
const cache = new Map();

function formatter(lang, decimals) {
  const key = `${lang}|${decimals}`;
  if (!cache.has(key)) {
    cache.set(key, new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN',
      { minimumFractionDigits: decimals, maximumFractionDigits: decimals }));
  }
  return cache.get(key);
}

/** A whole number or one with a fixed number of decimals; null (withheld) is written x. */
export function number(value, lang = 'vi', decimals = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'x';
  return formatter(lang, decimals).format(value);
}

/** A signed number: +1.234 or −56 (a true minus sign). */
export function signed(value, lang = 'vi', decimals = 0) {
  if (value === null || value === undefined) return 'x';
  const text = number(Math.abs(value), lang, decimals);
  if (value > 0) return `+${text}`;
  return value < 0 ? `\u2212${text}` : text;
}

export function percent(value, lang = 'vi', decimals = 1) {
  return value === null || value === undefined ? 'x' : `${number(value, lang, decimals)} %`;
}

/** yyyy-MM-dd → dd/MM/yyyy (both languages: the dashboard's readers write dates day first). */
export function date(iso) {
  if (!iso) return '';
  const [y, m, d] = String(iso).slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** The month end n months before (n < 0) or after a month end, as yyyy-MM-dd. */
export function shiftMonths(iso, n) {
  const [y, m] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n + 1, 1));
  const last = new Date(first.getTime() - 86400000);
  return last.toISOString().slice(0, 10);
}
