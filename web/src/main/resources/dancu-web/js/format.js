// Vietnamese first: 1.234.567 and dd/MM/yyyy.
export function number(value, lang = 'vi') {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN').format(value);
}

export function date(iso, lang = 'vi') {
  const [y, m, d] = iso.split('-');
  return lang === 'en' ? `${d}/${m}/${y}` : `${d}/${m}/${y}`;
}
