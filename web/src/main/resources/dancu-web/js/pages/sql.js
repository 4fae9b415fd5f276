// The statisticians' SQL: an editor, the views and their columns, the running statement's progress, the result as a
// table (paged), as a chart, and as CSV/XLSX downloads. The API runs the statement (read-only Spark SQL) and keeps the
// caller's last result for the downloads; the page pages through the rows it was answered.
import { el, clear } from '../dom.js';
import { getJson, postJson, url } from '../api.js';
import { EXACT_ROLES } from '../context.js';
import { base, chartOf } from '../charts/common.js';
import { echartsFor, instanceOf } from '../charts/loader.js';

const PAGE_SIZE = 50;
const POLL_MS = 500;
const CHART_ROWS = 200;
const CHART_SERIES = 3;
const STORED = 'dancu-sql-statement';
const NUMERIC = /^(tinyint|smallint|int|integer|bigint|long|float|double|real|decimal|numeric)/i;
/** Whether this page has already had an answer from the SQL engine (the first request starts Spark: slower). */
let engineStarted = false;

function isNumeric(column) {
  return NUMERIC.test(column.type || '');
}

function seconds(ms, ctx) {
  return `${ctx.number(ms / 1000, 1)} s`;
}

/** A cell as the result table writes it: the value as the API answered it; NULL for null. */
function cellText(value) {
  if (value === null || value === undefined) return 'NULL';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function defaultStatement(ctx) {
  const stored = window.sessionStorage.getItem(STORED);
  if (stored) return stored;
  return `SELECT sex, sum(population) AS n\nFROM cube_population_stock\nWHERE ref_date = DATE '${ctx.refDate}'\nGROUP BY sex\nORDER BY sex`;
}

/** Inserts text at the editor's caret (or over its selection) and puts the caret after it. */
function insertAtCaret(editor, text) {
  const start = editor.selectionStart ?? editor.value.length;
  const end = editor.selectionEnd ?? start;
  editor.setRangeText(text, start, end, 'end');
  editor.focus();
  editor.dispatchEvent(new Event('input'));
}

function viewsList(ctx, editor) {
  const { t } = ctx;
  const list = el('div', { class: 'sql-views-list' }, el('p', { class: 'kpi-detail', text: t.sql.viewsLoading }));
  const aside = el('aside', { class: 'panel sql-views', id: 'sql-views', dataset: { state: 'loading' }, 'aria-labelledby': 'sql-views-title' },
    el('h3', { class: 'panel-title', id: 'sql-views-title', text: t.sql.views }),
    el('p', { class: 'kpi-detail', text: t.sql.viewsHelp }), list);
  const button = (name, title, className) => el('button', { type: 'button', class: `link ${className}`, title, dataset: { insert: name }, text: name,
    onclick: () => insertAtCaret(editor, name) });

  async function load() {
    try {
      const answer = await getJson('/api/v1/sql/views');
      engineStarted = true;
      clear(list).append(...answer.views.map((view) => el('details', { class: 'sql-view', dataset: { view: view.name } },
        el('summary', {}, button(view.name, view.description || '', 'sql-view-name'), el('span', { class: 'sql-kind', text: t.sql.kinds[view.kind] || view.kind })),
        view.description ? el('p', { class: 'kpi-detail', text: view.description }) : null,
        el('ul', { class: 'sql-columns' }, view.columns.map((column) => el('li', {},
          button(column.name, column.description || '', 'sql-column'), el('span', { class: 'sql-type', text: ` ${column.type}` })))))));
      aside.dataset.state = 'ready';
    }
    catch (error) {
      clear(list).append(el('p', { class: 'form-error', role: 'alert', text: error.message }));
      aside.dataset.state = 'error';
    }
  }
  return { element: aside, load };
}

/** The result: a summary line, notes, the table with its pager, downloads, and a chart drawn on demand. */
function resultView(ctx) {
  const { t } = ctx;
  const summary = el('p', { class: 'sql-summary', id: 'sql-summary' });
  const notes = el('div', { class: 'panel-notes', id: 'sql-notes' });
  const tableBox = el('div', { class: 'table-box sql-table-box' });
  const range = el('span', { class: 'sql-range', id: 'sql-range', 'aria-live': 'polite' });
  const previous = el('button', { type: 'button', class: 'secondary', id: 'sql-prev', text: t.sql.previous });
  const next = el('button', { type: 'button', class: 'secondary', id: 'sql-next', text: t.sql.next });
  const chartButton = el('button', { type: 'button', class: 'secondary', id: 'sql-chart-button', text: t.sql.chart });
  const downloads = el('span', { class: 'download-group' }, `${t.download}:`,
    el('a', { class: 'link', id: 'sql-csv', href: url('/api/v1/sql/result', { format: 'csv' }), download: '', dataset: { format: 'csv' }, text: 'CSV' }),
    el('a', { class: 'link', id: 'sql-xlsx', href: url('/api/v1/sql/result', { format: 'xlsx' }), download: '', dataset: { format: 'xlsx' }, text: 'XLSX' }));
  const chartBox = el('div', { class: 'chart sql-chart', id: 'sql-chart', hidden: true, role: 'img', 'aria-label': t.sql.chart });
  const chartNote = el('p', { class: 'kpi-detail', id: 'sql-chart-note' });
  const element = el('section', { class: 'panel panel-full sql-result', id: 'sql-result', hidden: true, 'aria-labelledby': 'sql-result-title' },
    el('header', {}, el('h3', { class: 'panel-title', id: 'sql-result-title', text: t.sql.result }), summary),
    notes, tableBox,
    el('div', { class: 'sql-pager' }, previous, range, next),
    chartBox, chartNote,
    el('footer', {}, el('p', { class: 'source', id: 'sql-statement-shown' }), el('div', { class: 'actions' }, chartButton, downloads)));
  let answer = null;
  let first = 0;

  function drawPage() {
    const rows = answer.rows.slice(first, first + PAGE_SIZE);
    const numeric = answer.columns.map(isNumeric);
    clear(tableBox).append(el('table', { class: 'data', id: 'sql-table' },
      el('thead', {}, el('tr', {}, answer.columns.map((column) => el('th', { scope: 'col', title: column.type, text: column.name })))),
      el('tbody', {}, rows.map((row) => el('tr', {}, row.map((value, i) => el('td', {
        class: [numeric[i] ? 'num' : '', value === null ? 'null' : ''].join(' ').trim() || undefined, text: cellText(value) })))))));
    const total = answer.rows.length;
    range.textContent = total ? t.sql.range(ctx.number(first + 1), ctx.number(Math.min(first + PAGE_SIZE, total)), ctx.number(total)) : t.sql.noRows;
    previous.disabled = first === 0;
    next.disabled = first + PAGE_SIZE >= total;
  }

  /** Category = the first column; values = the numeric columns after it (at most three), over the first rows. */
  function drawChart() {
    const values = answer.columns.map((column, i) => ({ column, i })).filter(({ column, i }) => i > 0 && isNumeric(column)).slice(0, CHART_SERIES);
    if (!values.length || !answer.rows.length) {
      chartBox.hidden = true;
      chartNote.textContent = t.sql.noChart;
      return;
    }
    if (!window.echarts) {
      echartsFor('common').then(drawChart);
      return;
    }
    const rows = answer.rows.slice(0, CHART_ROWS);
    chartBox.hidden = false;
    const chart = chartOf(chartBox);
    chart.setOption({
      ...base(ctx.lang),
      dataset: { dimensions: answer.columns.map((column) => column.name), source: rows.map((row) => row.map((value, i) => (i === 0 ? cellText(value) : value))) },
      legend: values.length > 1 ? { top: 0 } : undefined,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => (value === null ? 'NULL' : ctx.number(value, Number.isInteger(value) ? 0 : 2)) },
      grid: { left: 48, right: 24, top: values.length > 1 ? 36 : 16, bottom: 56, containLabel: true },
      xAxis: { type: 'category', axisTick: { show: false }, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', axisLabel: { formatter: (value) => ctx.number(value, Number.isInteger(value) ? 0 : 1), hideOverlap: true } },
      series: values.map(({ column }) => ({ type: 'bar', name: column.name, encode: { x: answer.columns[0].name, y: column.name } })),
    }, true);
    chart.resize();
    chartNote.textContent = t.sql.chartNote(answer.columns[0].name, values.map(({ column }) => column.name).join(', '),
      rows.length < answer.rows.length ? ctx.number(rows.length) : null);
  }

  previous.addEventListener('click', () => {
    first = Math.max(0, first - PAGE_SIZE);
    drawPage();
  });
  next.addEventListener('click', () => {
    if (first + PAGE_SIZE < answer.rows.length) first += PAGE_SIZE;
    drawPage();
  });
  chartButton.addEventListener('click', drawChart);

  function show(result) {
    answer = result;
    first = 0;
    instanceOf(chartBox)?.dispose();
    chartBox.hidden = true;
    chartNote.textContent = '';
    summary.textContent = t.sql.summary(ctx.number(result.rowCount), ctx.number(result.columns.length), seconds(result.elapsedMs, ctx));
    clear(notes);
    if (result.truncated) notes.append(el('p', { class: 'withheld-note', id: 'sql-truncated', text: t.sql.truncated(ctx.number(result.rowLimit)) }));
    element.querySelector('#sql-statement-shown').textContent = result.statement;
    element.hidden = false;
    drawPage();
  }

  function hide() {
    element.hidden = true;
  }
  return { element, show, hide };
}

export function render(main, ctx) {
  const { t } = ctx;
  if (!ctx.role(EXACT_ROLES) || ctx.scoped) {
    main.append(el('p', { class: 'message', id: 'sql-forbidden', text: t.sql.forbidden }));
    return;
  }
  // The result's chart draws with ECharts: it starts loading now, while the statement is written.
  echartsFor('common').catch((error) => console.warn(error));
  const editor = el('textarea', { id: 'sql-statement', class: 'sql-editor', rows: 10, spellcheck: 'false', autocomplete: 'off',
    autocapitalize: 'off', 'aria-describedby': 'sql-help' });
  editor.value = defaultStatement(ctx);
  const runButton = el('button', { type: 'button', id: 'sql-run', text: t.sql.run });
  const cancelButton = el('button', { type: 'button', class: 'secondary', id: 'sql-cancel', text: t.sql.cancel, disabled: true });
  const progress = el('p', { class: 'sql-progress', id: 'sql-progress', role: 'status', 'aria-live': 'polite' });
  const problem = el('p', { class: 'form-error', id: 'sql-error', role: 'alert' });
  const problemDetail = el('details', { class: 'sql-error-detail', id: 'sql-error-detail', hidden: true },
    el('summary', { text: t.sqlDetail }), el('pre', { class: 'sql-error-text' }));
  /** An error in one line (what kind, and the first line of the engine's message), the whole message folded away. */
  function showProblem(error) {
    const text = String(error.message || '');
    const first = text.split('\n')[0].replace(/\s+/g, ' ').trim();
    const short = first.length > 160 ? `${first.slice(0, 157)}…` : first;
    const kind = t.sql.errorKinds[error.type] || (error.status === 409 ? t.sql.errorKinds.busy : t.sql.errorKinds.other);
    problem.textContent = `${kind}: ${short}`;
    problem.dataset.type = error.type || '';
    const whole = [text, ...(error.detail || []).map((d) => (typeof d === 'string' ? d : JSON.stringify(d)))].join('\n');
    problemDetail.hidden = whole === short;
    problemDetail.open = false;
    problemDetail.querySelector('pre').textContent = whole;
  }
  const result = resultView(ctx);
  const views = viewsList(ctx, editor);
  const work = el('section', { class: 'panel sql-editor-panel', 'aria-labelledby': 'sql-editor-title' },
    el('h3', { class: 'panel-title', id: 'sql-editor-title' }, el('label', { for: 'sql-statement', text: t.sql.statement })),
    el('p', { class: 'kpi-detail', id: 'sql-help', text: t.sql.help }),
    editor,
    el('div', { class: 'sql-buttons' }, runButton, cancelButton, progress),
    problem, problemDetail);
  const page = el('div', { class: 'sql-page', id: 'sql-page', dataset: { state: 'idle' } }, views.element, el('div', { class: 'sql-work' }, work, result.element));
  main.append(page);

  editor.addEventListener('input', () => window.sessionStorage.setItem(STORED, editor.value));
  editor.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  runButton.addEventListener('click', () => run());
  cancelButton.addEventListener('click', async () => {
    cancelButton.disabled = true;
    try {
      await postJson('/api/v1/sql/cancel', {});
    }
    catch (error) {
      showProblem(error);
    }
  });

  /** Polls the progress every 500 ms while the statement runs; stops when it ends or the page is left. */
  function watch(started, running) {
    let timer = 0;
    const tick = async () => {
      if (!running() || !page.isConnected) return;
      const elapsed = seconds(performance.now() - started, ctx);
      let text = t.sql.running(elapsed);
      try {
        const state = await getJson('/api/v1/sql/progress');
        if (state.running) text = t.sql.progress(state.stagesDone, state.stagesTotal, state.tasksDone, state.tasksTotal, elapsed);
      }
      catch {
        // The progress is a courtesy: the statement's own answer says how it ended.
      }
      if (!running() || !page.isConnected) return;
      progress.textContent = engineStarted ? text : `${text} — ${t.sql.starting}`;
      timer = setTimeout(tick, POLL_MS);
    };
    progress.textContent = engineStarted ? t.sql.running(seconds(0, ctx)) : t.sql.starting;
    timer = setTimeout(tick, POLL_MS);
    return () => clearTimeout(timer);
  }

  async function run() {
    if (page.dataset.state === 'running') return;
    const statement = editor.value.trim();
    if (!statement) {
      problem.textContent = t.sql.empty;
      return;
    }
    problem.textContent = '';
    problemDetail.hidden = true;
    page.dataset.state = 'running';
    runButton.disabled = true;
    cancelButton.disabled = false;
    let running = true;
    const stop = watch(performance.now(), () => running);
    try {
      const answer = await postJson('/api/v1/sql/queries', { statement });
      engineStarted = true;
      running = false;
      stop();
      progress.textContent = t.sql.done(seconds(answer.elapsedMs, ctx));
      await echartsFor('common');
      result.show(answer);
      page.dataset.state = 'done';
    }
    catch (error) {
      running = false;
      stop();
      engineStarted = engineStarted || error.status !== undefined;
      progress.textContent = '';
      showProblem(error);
      result.hide();
      page.dataset.state = 'error';
    }
    finally {
      runButton.disabled = false;
      cancelButton.disabled = true;
    }
  }

  views.load();
  editor.focus({ preventScroll: true });
}
