// "Báo cáo của tôi" (My reports): the account's saved tables, its subscriptions (to a saved table or a report) and
// what each new cube version delivered, with download links. Everything here is the signed-in account's own.
import { el, clear } from '../dom.js';
import { getJson, sendJson } from '../api.js';
import { date } from '../format.js';

const TABLE_FORMATS = ['csv', 'xlsx', 'json-stat', 'sdmx-csv'];
const REPORT_FORMATS = ['xlsx', 'pdf', 'csv'];
const REPORT_ROLES = ['planner', 'leader', 'statistician', 'admin'];

/** Where the table builder opens a saved table (its page reads the table's parameters from the link). */
export function tableBuilderHref(query) {
  // The table builder keeps its table in the page's URL under its own keys (pages/tables.js); a saved table keeps the
  // API's query string (GET /api/v1/tables).
  const api = new URLSearchParams(query);
  const page = new URLSearchParams({ page: 'tables' });
  const keys = { cube: 'cube', rows: 'rows', cols: 'cols', ageBands: 'bands', measure: 'measure', period: 'period', date: 'tdate', geo: 'geo' };
  for (const [from, to] of Object.entries(keys)) if (api.get(from)) page.set(to, api.get(from));
  const vals = api.getAll('filter').join(';');
  if (vals) page.set('vals', vals);
  return `?${page}`;
}

export async function render(main, ctx) {
  const { t, me } = ctx;
  const m = t.myReports;
  if (me.via === 'anonymous') {
    main.append(el('p', { class: 'panel', id: 'myreports-login', text: m.loginFirst }));
    return;
  }
  const status = el('p', { class: 'form-error', role: 'alert', id: 'myreports-error' });
  const tablesBox = el('section', { class: 'panel myreports-panel', id: 'myreports-tables', 'aria-labelledby': 'myreports-tables-title' });
  const subscriptionsBox = el('section', { class: 'panel myreports-panel', id: 'myreports-subscriptions', 'aria-labelledby': 'myreports-subscriptions-title' });
  const deliveriesBox = el('section', { class: 'panel myreports-panel', id: 'myreports-deliveries', 'aria-labelledby': 'myreports-deliveries-title' });
  main.append(el('div', { class: 'myreports' }, status, tablesBox, subscriptionsBox, deliveriesBox));

  const fail = (error) => {
    status.textContent = `${t.error}: ${error.message}`;
  };

  async function refresh() {
    status.textContent = '';
    const [tables, subscriptions, deliveries] = await Promise.all([getJson('/api/v1/saved-tables'), getJson('/api/v1/subscriptions'),
      getJson('/api/v1/deliveries')]);
    if (ctx.stale()) return;
    drawTables(tables.savedTables);
    drawSubscriptions(subscriptions, tables.savedTables.filter((table) => table.owner === me.username));
    drawDeliveries(deliveries.deliveries);
  }

  function drawTables(tables) {
    clear(tablesBox).append(el('h3', { class: 'panel-title', id: 'myreports-tables-title', text: m.tables }));
    if (!tables.length) {
      tablesBox.append(el('p', { class: 'kpi-detail', text: m.noTables }));
      return;
    }
    const admin = me.role === 'admin';
    const rows = tables.map((table) => el('tr', { dataset: { id: String(table.id) } },
      el('td', {}, el('a', { href: tableBuilderHref(table.query), class: 'myreports-open', text: table.name })),
      admin ? el('td', { text: table.owner }) : null,
      el('td', { text: date(table.updatedAt.slice(0, 10)) }),
      el('td', {}, table.owner === me.username
        ? el('a', { href: `${table.dataUrl}?format=csv`, download: '', text: 'CSV' }) : null),
      el('td', {}, el('button', { type: 'button', class: 'link myreports-delete-table', text: m.remove, onclick: async () => {
        if (!window.confirm(m.confirmRemoveTable(table.name))) return;
        await sendJson('DELETE', `/api/v1/saved-tables/${table.id}`).then(refresh).catch(fail);
      } }))));
    tablesBox.append(el('table', { class: 'data', id: 'myreports-tables-table' },
      el('thead', {}, el('tr', {}, el('th', { text: m.name }), admin ? el('th', { text: m.owner }) : null, el('th', { text: m.updated }),
        el('th', { text: m.data }), el('th', { text: '' }))),
      el('tbody', {}, rows)));
  }

  function formatBoxes(name, formats, checked) {
    return el('fieldset', { class: 'myreports-formats' }, el('legend', { text: m.formats }),
      formats.map((format) => el('label', {}, el('input', { type: 'checkbox', name, value: format, checked: checked.includes(format) }), ` ${format}`)));
  }

  function drawSubscriptions(answer, ownTables) {
    clear(subscriptionsBox).append(el('h3', { class: 'panel-title', id: 'myreports-subscriptions-title', text: m.subscriptions }),
      el('p', { class: 'kpi-detail', text: answer.email ? m.emailOn : m.emailOff }));
    if (answer.subscriptions.length) {
      subscriptionsBox.append(el('table', { class: 'data', id: 'myreports-subscriptions-table' },
        el('thead', {}, el('tr', {}, el('th', { text: m.what }), el('th', { text: m.formats }), el('th', { text: m.email }), el('th', { text: '' }))),
        el('tbody', {}, answer.subscriptions.map((subscription) => el('tr', { dataset: { id: String(subscription.id) } },
          el('td', { text: subscription.title }),
          el('td', { text: subscription.formats.join(', ') }),
          el('td', { text: subscription.email || '—' }),
          el('td', {}, el('button', { type: 'button', class: 'link myreports-unsubscribe', text: m.unsubscribe, onclick: async () => {
            await sendJson('DELETE', `/api/v1/subscriptions/${subscription.id}`).then(refresh).catch(fail);
          } })))))));
    }
    else {
      subscriptionsBox.append(el('p', { class: 'kpi-detail', text: m.noSubscriptions }));
    }
    const canReport = REPORT_ROLES.includes(me.role);
    const source = el('select', { id: 'myreports-source', name: 'source' },
      ownTables.map((table) => el('option', { value: `table:${table.id}`, text: `${m.table}: ${table.name}` })),
      canReport ? [el('option', { value: 'report:monthly', text: m.reportMonthly }), el('option', { value: 'report:annual', text: m.reportAnnual })] : []);
    if (!source.options.length) return;
    const tableFormats = formatBoxes('table-format', TABLE_FORMATS, ['csv']);
    const reportFormats = formatBoxes('report-format', REPORT_FORMATS, ['xlsx']);
    const email = el('input', { id: 'myreports-email', type: 'email', name: 'email', autocomplete: 'email' });
    const showFormats = () => {
      const report = source.value.startsWith('report:');
      tableFormats.hidden = report;
      reportFormats.hidden = !report;
    };
    source.addEventListener('change', showFormats);
    showFormats();
    const form = el('form', { class: 'myreports-form', id: 'myreports-subscribe' },
      el('div', { class: 'field' }, el('label', { for: 'myreports-source', text: m.subscribeTo }), source),
      tableFormats, reportFormats,
      el('div', { class: 'field' }, el('label', { for: 'myreports-email', text: m.emailOptional }), email),
      el('button', { type: 'submit', id: 'myreports-subscribe-button', text: m.subscribe }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const [kind, value] = source.value.split(':');
      const boxes = kind === 'table' ? tableFormats : reportFormats;
      const formats = [...boxes.querySelectorAll('input:checked')].map((box) => box.value);
      const body = kind === 'table' ? { savedTableId: Number(value) }
        : { report: { kind: value, period: 'latest', lang: ctx.lang } };
      body.formats = formats;
      if (email.value.trim()) body.email = email.value.trim();
      await sendJson('POST', '/api/v1/subscriptions', body).then(refresh).catch(fail);
    });
    subscriptionsBox.append(el('p', { class: 'kpi-detail', text: m.subscribeHelp }), form);
  }

  function drawDeliveries(deliveries) {
    clear(deliveriesBox).append(el('h3', { class: 'panel-title', id: 'myreports-deliveries-title', text: m.deliveries }));
    if (!deliveries.length) {
      deliveriesBox.append(el('p', { class: 'kpi-detail', text: m.noDeliveries }));
      return;
    }
    const admin = me.role === 'admin';
    deliveriesBox.append(el('table', { class: 'data', id: 'myreports-deliveries-table' },
      el('thead', {}, el('tr', {}, el('th', { text: m.when }), el('th', { text: m.what }), admin ? el('th', { text: m.owner }) : null,
        el('th', { text: m.version }), el('th', { text: m.files }), el('th', { text: m.email }))),
      el('tbody', {}, deliveries.map((delivery) => el('tr', { dataset: { id: String(delivery.id), outcome: delivery.outcome } },
        el('td', { text: date(delivery.deliveredAt.slice(0, 10)) }),
        el('td', { text: delivery.title }),
        admin ? el('td', { text: delivery.owner }) : null,
        el('td', { text: delivery.version }),
        el('td', {}, delivery.outcome === 'failed'
          ? el('span', { class: 'myreports-failed', text: `${m.failed}: ${delivery.reason}` })
          : delivery.files.map((file) => el('a', { href: file.url, download: file.name, class: 'myreports-file', text: file.name }))),
        el('td', { text: m.mail[delivery.mail.status] + (delivery.mail.error ? ` (${delivery.mail.error})` : '') }))))));
  }

  await refresh().catch(fail);
}
