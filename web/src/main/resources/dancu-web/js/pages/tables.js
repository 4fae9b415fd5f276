// "Bảng số liệu" / "Tables": the table builder. Pick a cube, the variables of the rows and of the columns, their values,
// custom age bands (the school ages as a preset), a measure, a period or several; see the pivot with its totals and
// withheld cells (x); download it in every format; save it. The whole table lives in the URL (cube, rows, cols, vals,
// bands, measure, period, tdate), so that it can be bookmarked and shared and the browser's back button works. The API
// (GET /api/v1/tables) builds the table with the caller's role, scope and disclosure control.
import { el, clear } from '../dom.js';
import { url, postJson } from '../api.js';
import { BANDS, EXACT_ROLES, ageLabel } from '../context.js';
import { BROAD_AGES } from '../state.js';
import { number, date } from '../format.js';

const SCHOOL_AGES = '3-5,6-10,11-14,15-17';
const FORMATS = ['csv', 'xlsx', 'json-stat', 'sdmx-csv', 'pdf'];
const DATE = /^(\d{4}-\d{2}-\d{2}|LATEST(_QUARTER_END|_YEAR_END)?(-\d{1,2}Y)?)$/i;
// Periods relative to the data, kept as written: a saved or bookmarked table follows each new version of the figures.
const RELATIVE_STOCK = ['LATEST', 'LATEST_YEAR', 'LAST_5_YEARS'];
const RELATIVE_FLOW = ['LATEST_YEAR', 'YEAR_TO_DATE', 'YEAR_TO_DATE-1Y', 'LATEST_QUARTER', 'LAST_5_YEARS'];

function singleAges() {
  const ages = [];
  for (let age = 0; age < 100; age += 1) ages.push(String(age));
  ages.push('100+');
  return ages;
}

/** The variables a cube offers, each with its values (code, label) where the page can list them. */
function variablesOf(cube, ctx) {
  const { t, lang } = ctx;
  const names = [...cube.queryDimensions];
  const variables = [];
  for (const name of names) {
    const dimension = cube.dimensions.find((item) => item.name === name);
    let codes = null;
    if (name === 'unit') {
      codes = ctx.communes.filter((unit) => !ctx.scoped || ctx.me.scope.includes(unit.code)).map((unit) => ({ code: unit.code, label: unit.name }));
    }
    else if (name === 'age') codes = singleAges().map((code) => ({ code, label: ageLabel(code, lang) }));
    else if (name === 'ageBand') codes = BANDS.map((code) => ({ code, label: ageLabel(code, lang) }));
    else if (name === 'ageBroad') codes = BROAD_AGES.map((code) => ({ code, label: ageLabel(code, lang) }));
    else if (dimension && dimension.codes) codes = dimension.codes;
    if (name === 'ethnicity' && ctx.me.role === 'viewer') continue;
    if (name === 'otherUnit' && !ctx.role(EXACT_ROLES)) continue;
    variables.push({ name, label: t.tables.variables[name] || (dimension ? dimension.title : name), codes });
  }
  if (names.includes('age')) variables.push({ name: 'ageCustom', label: t.tables.variables.ageCustom, codes: null });
  variables.push({ name: 'period', label: t.tables.variables.period, codes: null });
  return variables;
}

/**
 * The default period: the newest whole year, written relative to the data (LATEST_YEAR: for a stock its year end), so
 * that the table follows each new version; a cube without a whole year in its data, its latest date or year.
 */
function defaultPeriod(cube) {
  const yearEnds = cube.refDates.filter((day) => day.endsWith('-12-31'));
  if (cube.time === 'MONTH_END' || cube.time === 'SNAPSHOT') return yearEnds.length ? 'LATEST_YEAR' : '';
  return cube.periods.length > 1 || yearEnds.length ? 'LATEST_YEAR' : (cube.periods.length ? String(cube.periods[0]) : '');
}

/** The table as the URL holds it, with the defaults filled in: communes × school-age bands × sex at the latest year end. */
export function tableState(state, ctx) {
  const available = ctx.catalog.cubes.filter((cube) => cube.available && cube.refDates.length && cube.queryDimensions);
  const cube = available.find((item) => item.name === state.cube) || available.find((item) => item.name === 'population_stock') || available[0];
  if (!cube) return null;
  const chosen = Boolean(state.rows || state.cols) && state.cube === cube.name;
  const rows = chosen ? split(state.rows, ',') : [...(cube.queryDimensions.includes('unit') ? ['unit'] : []),
    ...(cube.queryDimensions.includes('age') ? ['ageCustom'] : [])];
  const cols = chosen ? split(state.cols, ',') : (cube.queryDimensions.includes('sex') ? ['sex'] : []);
  // A cube without units or ages (the quarantine's reasons): its first dimension in the rows.
  if (!rows.length && !cols.length && cube.queryDimensions.length) rows.push(cube.queryDimensions[0]);
  const vals = {};
  for (const part of split(state.vals, ';')) {
    const colon = part.indexOf(':');
    if (colon > 0) vals[part.slice(0, colon)] = part.slice(colon + 1).split(',').filter(Boolean);
  }
  const usesBands = [...rows, ...cols].includes('ageCustom');
  return {
    cube, rows, cols, vals,
    bands: usesBands ? (state.bands || SCHOOL_AGES) : '',
    measure: state.measure || '',
    period: state.tdate ? '' : (state.period || defaultPeriod(cube)),
    dates: state.tdate || '',
  };
}

function split(text, separator) {
  return text ? text.split(separator).filter(Boolean) : [];
}

/** The parameters of GET /api/v1/tables for a table (format left out). */
export function apiParams(table, ctx) {
  const params = { cube: table.cube.name };
  if (table.rows.length) params.rows = table.rows.join(',');
  if (table.cols.length) params.cols = table.cols.join(',');
  params.filter = Object.entries(table.vals).filter(([, codes]) => codes.length).map(([name, codes]) => `${name}:${codes.join(',')}`);
  if (table.bands) params.ageBands = table.bands;
  if (table.measure) params.measure = table.measure;
  if (table.dates) params.date = table.dates;
  else if (table.period) params.period = table.period;
  if (ctx.geo === 'asof') params.geo = 'asof';
  if (ctx.lang === 'en') params.lang = 'en';
  return params;
}

/** The URL keys of a table (what navigate() records in the history). */
function urlKeys(table) {
  const vals = Object.entries(table.vals).filter(([, codes]) => codes.length).map(([name, codes]) => `${name}:${codes.join(',')}`).join(';');
  return {
    cube: table.cube.name, rows: table.rows.join(',') || undefined, cols: table.cols.join(',') || undefined, vals: vals || undefined,
    bands: table.bands || undefined, measure: table.measure || undefined, period: table.dates ? undefined : (table.period || undefined),
    tdate: table.dates || undefined,
  };
}

export async function render(main, ctx) {
  const { t } = ctx;
  if (ctx.me.via === 'anonymous') {
    main.append(el('section', { class: 'panel', id: 'tables-login' }, el('p', { text: t.tables.needsLogin }),
      el('a', { class: 'button', href: `?page=login&back=tables${ctx.lang === 'en' ? '&lang=en' : ''}`, text: t.login })));
    return;
  }
  const table = tableState(ctx.state, ctx);
  if (!table) {
    main.append(el('p', { class: 'panel', text: t.tables.noCube }));
    return;
  }
  const form = builder(table, ctx);
  const result = el('section', { class: 'panel table-result', id: 'table-result', 'aria-live': 'polite' });
  main.append(el('p', { class: 'page-help', text: t.tables.help }), form, result);
  await show(result, table, ctx);
}

function builder(table, ctx) {
  const { t } = ctx;
  const cubes = ctx.catalog.cubes.filter((cube) => cube.available && cube.refDates.length && cube.queryDimensions);
  const cubeSelect = el('select', { id: 'tb-cube', name: 'cube' }, cubes.map((cube) => el('option', { value: cube.name, selected: cube.name === table.cube.name, text: cube.title })));
  cubeSelect.addEventListener('change', () => ctx.navigate({ cube: cubeSelect.value, rows: undefined, cols: undefined, vals: undefined, bands: undefined,
    measure: undefined, period: undefined, tdate: undefined }));
  const measureSelect = el('select', { id: 'tb-measure', name: 'measure' },
    el('option', { value: '', text: t.tables.defaultMeasure }),
    table.cube.measures.map((measure) => el('option', { value: measure.name, selected: measure.name === table.measure, text: measure.title })));

  const variables = variablesOf(table.cube, ctx);
  const placements = new Map();
  const choices = new Map();
  const rows = variables.map((variable) => {
    const where = table.rows.includes(variable.name) ? 'rows' : table.cols.includes(variable.name) ? 'cols' : '';
    const place = el('select', { id: `tb-place-${variable.name}`, dataset: { variable: variable.name }, 'aria-label': `${variable.label}: ${t.tables.place}` },
      ['', 'rows', 'cols'].map((value) => el('option', { value, selected: value === where, text: t.tables.places[value || 'none'] })));
    placements.set(variable.name, place);
    let values = null;
    if (variable.codes && variable.codes.length) {
      const kept = table.vals[variable.name];
      const boxes = variable.codes.map((code) => el('label', { class: 'tb-value' },
        el('input', { type: 'checkbox', value: code.code, checked: !kept || kept.includes(code.code), dataset: { variable: variable.name } }), ` ${code.label}`));
      choices.set(variable.name, boxes.map((label) => label.querySelector('input')));
      const count = kept ? kept.length : variable.codes.length;
      const all = el('button', { type: 'button', class: 'link', text: t.tables.all, onclick: () => choices.get(variable.name).forEach((box) => { box.checked = true; }) });
      const none = el('button', { type: 'button', class: 'link', text: t.tables.none, onclick: () => choices.get(variable.name).forEach((box) => { box.checked = false; }) });
      values = el('details', { class: 'tb-values', id: `tb-values-${variable.name}` },
        el('summary', { text: t.tables.values(count, variable.codes.length) }), el('p', { class: 'tb-all' }, all, ' · ', none),
        el('div', { class: 'tb-value-list' }, boxes));
    }
    return el('div', { class: 'tb-variable', dataset: { variable: variable.name } }, el('span', { class: 'tb-name', text: variable.label }), place, values);
  });

  const bandsInput = el('input', { id: 'tb-bands', name: 'ageBands', value: table.bands || SCHOOL_AGES, spellcheck: 'false', inputmode: 'text',
    'aria-describedby': 'tb-bands-help' });
  const bands = el('div', { class: 'tb-field', id: 'tb-bands-field' },
    el('label', { for: 'tb-bands', text: t.tables.bands }), bandsInput,
    el('button', { type: 'button', class: 'secondary', id: 'tb-school', text: t.tables.schoolPreset, onclick: () => { bandsInput.value = SCHOOL_AGES; } }),
    el('p', { class: 'kpi-detail', id: 'tb-bands-help', text: t.tables.bandsHelp }));

  const stock = table.cube.time === 'MONTH_END' || table.cube.time === 'SNAPSHOT';
  const periodInput = el('input', { id: 'tb-period', name: 'period', value: table.dates || table.period, spellcheck: 'false', 'aria-describedby': 'tb-period-help' });
  const years = [...new Set(table.cube.periods.map(String))];
  const toggleItem = (code) => {
    const items = split(periodInput.value, ',').map((item) => item.trim());
    periodInput.value = (items.includes(code) ? items.filter((item) => item !== code) : [...items, code]).join(',');
  };
  const relative = stock ? RELATIVE_STOCK : RELATIVE_FLOW;
  const yearButtons = el('p', { class: 'tb-years' },
    relative.map((code) => el('button', { type: 'button', class: 'link', dataset: { relative: code }, title: code, text: t.tables.relative[code],
      onclick: () => toggleItem(code) })),
    years.map((year) => el('button', { type: 'button', class: 'link', dataset: { year }, text: year, onclick: () => toggleItem(year) })));
  const periods = el('div', { class: 'tb-field' }, el('label', { for: 'tb-period', text: t.tables.periods }), periodInput, yearButtons,
    el('p', { class: 'kpi-detail', id: 'tb-period-help', text: stock ? t.tables.periodHelpStock(date(table.cube.refDates[table.cube.refDates.length - 1]))
      : t.tables.periodHelpFlow }));

  const error = el('p', { class: 'form-error', id: 'tb-form-error', role: 'alert' });
  // On a phone the form folds into one line, so that the table comes first; a tap opens it.
  const folded = window.matchMedia('(max-width: 640px)').matches;
  const form = el('form', { class: 'panel table-builder', id: 'table-form', 'aria-label': t.tables.builder }, el('details', { class: 'tb-details', open: !folded },
    el('summary', { class: 'tb-summary', id: 'tb-summary', text: `${t.tables.builder}: ${table.cube.title} · ${[...table.rows, ...table.cols].length} ${t.tables.variablesCount}` }),
    el('div', { class: 'tb-top' }, el('label', { for: 'tb-cube', text: t.tables.cube }), cubeSelect, el('label', { for: 'tb-measure', text: t.tables.measure }), measureSelect),
    el('fieldset', { class: 'tb-variables' }, el('legend', { text: t.tables.variablesLegend }), rows),
    bands, periods,
    el('div', { class: 'tb-actions' }, el('button', { type: 'submit', id: 'tb-apply', text: t.tables.apply }), error)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const placed = (side) => {
      const ordered = table[side].filter((name) => placements.get(name)?.value === side);
      for (const variable of variables) if (placements.get(variable.name).value === side && !ordered.includes(variable.name)) ordered.push(variable.name);
      return ordered;
    };
    const vals = {};
    for (const [name, boxes] of choices) {
      const checked = boxes.filter((box) => box.checked).map((box) => box.value);
      if (!checked.length) {
        error.textContent = t.tables.noValue(variables.find((variable) => variable.name === name).label);
        return;
      }
      if (checked.length < boxes.length) vals[name] = checked;
    }
    let items = split(periodInput.value.replace(/\s+/g, ''), ',');
    // Nothing asked: the latest date, relative to the data (the URL without a period means the default, the newest year end).
    if (!items.length) items = ['LATEST'];
    const dated = items.filter((item) => DATE.test(item));
    if (dated.length && dated.length < items.length) {
      error.textContent = t.tables.mixedPeriods;
      return;
    }
    const next = { ...table, rows: placed('rows'), cols: placed('cols'), vals, measure: measureSelect.value,
      bands: '', period: dated.length ? '' : items.join(','), dates: dated.join(',') };
    if ([...next.rows, ...next.cols].includes('ageCustom')) next.bands = bandsInput.value.replace(/\s+/g, '');
    error.textContent = '';
    ctx.navigate(urlKeys(next));
  });
  return form;
}

async function show(result, table, ctx) {
  const { t } = ctx;
  const params = apiParams(table, ctx);
  result.dataset.state = 'loading';
  result.append(el('p', { class: 'kpi-detail', text: t.loading }));
  let answer;
  try {
    answer = await ctx.requests.get('/api/v1/tables', params);
  }
  catch (error) {
    clear(result).append(el('p', { class: 'form-error', role: 'alert', id: 'table-error', text: error.message }));
    result.dataset.state = 'error';
    return;
  }
  if (ctx.stale()) return;
  clear(result);
  result.append(el('h3', { class: 'panel-title', id: 'table-title', text: answer.title }),
    el('p', { class: 'panel-subtitle', id: 'table-reference', text: `${t.date}: ${answer.periods.map((period) => period.label).join('; ')}` }));
  result.append(pivot(answer, ctx));
  const withheld = answer.disclosure.withheldCells;
  const notes = el('div', { class: 'panel-notes', id: 'table-notes' },
    withheld ? el('p', { class: 'withheld-note', text: t.withheld(withheld) }) : null,
    answer.notes.map((note) => el('p', { class: 'kpi-detail', text: note })),
    el('p', { class: 'kpi-detail', text: `${t.source}: ${answer.source.text}` }));
  result.append(notes, downloads(answer, params, ctx), saver(answer, ctx));
  result.dataset.state = 'ready';
}

function figure(cell, ctx, total = false) {
  const { t } = ctx;
  if (cell.status === 'suppressed') return el('td', { class: `num withheld${total ? ' total' : ''}`, title: t.withheldShort, text: 'x' });
  if (cell.value === null) return el('td', { class: `num${total ? ' total' : ''}`, title: t.tables.notApplicable, text: '—' });
  return el('td', { class: `num${total ? ' total' : ''}`, text: number(cell.value, ctx.lang) });
}

/** The pivot: a header line per column variable (outer labels spanning their columns), row labels, cells, totals. */
function pivot(answer, ctx) {
  const { t } = ctx;
  const rowVariables = answer.rows.variables;
  const columnVariables = answer.columns.variables;
  const columns = answer.columns.headers;
  const left = Math.max(1, rowVariables.length);
  const lines = Math.max(1, columnVariables.length);
  const head = [];
  for (let line = 0; line < lines; line += 1) {
    const last = line === lines - 1;
    const cells = [];
    if (last) {
      if (rowVariables.length) rowVariables.forEach((variable) => cells.push(el('th', { scope: 'col', class: 'tb-corner', text: variable.title })));
      else cells.push(el('th', { scope: 'col', class: 'tb-corner', text: '' }));
    }
    else cells.push(el('th', { colspan: String(left), class: 'tb-corner', text: columnVariables[line].title }));
    if (!columnVariables.length) cells.push(el('th', { scope: 'col', class: 'num', text: answer.measure.title }));
    else {
      // Adjacent columns with the same outer labels share one header cell.
      for (let c = 0; c < columns.length;) {
        let span = 1;
        const prefix = (header) => header.codes.slice(0, line + 1).join('|');
        while (!last && c + span < columns.length && prefix(columns[c + span]) === prefix(columns[c])) span += 1;
        cells.push(el('th', { scope: last ? 'col' : 'colgroup', colspan: span > 1 ? String(span) : undefined, class: 'num', text: columns[c].labels[line] }));
        c += span;
      }
    }
    // Without column variables the one column is the total already; without row variables the one row is.
    if (columnVariables.length) cells.push(last ? el('th', { scope: 'col', class: 'num total', text: t.tables.total }) : el('th', {}));
    head.push(el('tr', {}, cells));
  }
  const body = answer.rows.headers.map((row, r) => {
    const previous = r > 0 ? answer.rows.headers[r - 1] : null;
    const labels = rowVariables.length ? row.labels.map((label, v) => {
      // An outer label is written once for its group of rows.
      const repeated = previous && v < rowVariables.length - 1 && row.codes.slice(0, v + 1).join('|') === previous.codes.slice(0, v + 1).join('|');
      const outer = v < rowVariables.length - 1;
      return el('th', { scope: 'row', class: [outer ? 'tb-outer' : '', repeated ? 'tb-repeat' : ''].filter(Boolean).join(' '), text: repeated ? '' : label, 'aria-label': label });
    }) : [el('th', { scope: 'row', text: answer.measure.title })];
    return el('tr', { dataset: { row: row.codes.join('|') } }, labels, answer.cells[r].map((cell) => figure(cell, ctx)),
      columnVariables.length ? figure(answer.rowTotals[r], ctx, true) : null);
  });
  const foot = el('tr', { class: 'tb-totals' }, el('th', { scope: 'row', colspan: String(left), text: t.tables.total }),
    answer.columnTotals.map((cell) => figure(cell, ctx, true)), columnVariables.length ? figure(answer.grandTotal, ctx, true) : null);
  const table = el('table', { class: 'data pivot', id: 'pivot' },
    el('caption', { class: 'visually-hidden', text: answer.title }),
    el('thead', {}, head), el('tbody', {}, body), rowVariables.length ? el('tfoot', {}, foot) : null);
  const wrap = el('div', { class: 'table-scroll pivot-scroll', tabindex: '0', role: 'region', 'aria-label': answer.title }, table);
  const hint = el('p', { class: 'scroll-hint', id: 'pivot-hint', 'aria-hidden': 'true', hidden: true, text: t.scrollHint });
  const showHint = () => {
    hint.hidden = !(wrap.scrollWidth > wrap.clientWidth + 2 && wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 2);
  };
  wrap.addEventListener('scroll', showHint, { passive: true });
  window.addEventListener('resize', showHint);
  requestAnimationFrame(showHint);
  return el('div', { class: 'pivot-box' }, hint, wrap);
}

function downloads(answer, params, ctx) {
  const { t } = ctx;
  return el('p', { class: 'tb-downloads', id: 'table-downloads' }, el('span', { text: `${t.tables.download}: ` }),
    FORMATS.flatMap((format, i) => [i ? ' · ' : '', el('a', { href: url('/api/v1/tables', { ...params, format }), download: '', dataset: { format },
      text: t.tables.formats[format] })]));
}

/** "Lưu bảng": POST /api/v1/saved-tables {name, query}; a server without saved tables (404) says it does not support them yet. */
function saver(answer, ctx) {
  const { t } = ctx;
  const name = el('input', { id: 'tb-save-name', value: answer.title, 'aria-label': t.tables.saveName });
  const message = el('p', { class: 'kpi-detail', id: 'tb-save-message', role: 'status' });
  const button = el('button', { type: 'button', class: 'secondary', id: 'tb-save', text: t.tables.save, onclick: async () => {
    message.textContent = '';
    message.classList.remove('form-error');
    try {
      await postJson('/api/v1/saved-tables', { name: name.value.trim() || answer.title, query: answer.query });
      message.textContent = t.tables.saved;
    }
    catch (error) {
      message.classList.add('form-error');
      message.textContent = error.status === 404 ? t.tables.saveUnsupported : error.message;
    }
  } });
  return el('div', { class: 'tb-save' }, name, button, message);
}
