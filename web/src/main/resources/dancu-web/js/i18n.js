// Every text of the page, Vietnamese first: one module per language, only the one shown is loaded. Labels of codes
// (units, sexes, age groups…) come from the API in the language asked for; only the page's own words are here.
export async function texts(lang) {
  const module = lang === 'en' ? await import('./i18n/en.js') : await import('./i18n/vi.js');
  return module.default;
}
