// A comparison table: one row per unit (the first cell a button that filters every chart on it), numbers right-aligned,
// "x" for withheld values. Columns sort on click.
import { el, clear } from '../dom.js';
import { cell } from '../panel.js';

/** The frame needs no separate data table for this chart: it is one; and no chart library. */
export const isTable = true;
export const needs = null;

export function render(element, model, ctx) {
  let order = { index: -1, descending: false };
  // A wide table scrolls sideways inside its box, with shadows at the edges and a hint while columns are hidden.
  const wrap = el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': `${model.title}: ${ctx.t.showTable.toLowerCase()}` });
  const hint = el('p', { class: 'scroll-hint', 'aria-hidden': 'true', hidden: true, text: ctx.t.scrollHint });
  clear(element).append(hint, wrap);
  const showHint = () => {
    hint.hidden = !(wrap.scrollWidth > wrap.clientWidth + 2 && wrap.scrollLeft + wrap.clientWidth < wrap.scrollWidth - 2);
  };
  wrap.addEventListener('scroll', showHint, { passive: true });
  window.addEventListener('resize', showHint);
  element.classList.add('as-table');
  element.removeAttribute('role');

  function draw() {
    const indexes = model.rows.map((row, i) => i);
    if (order.index >= 0) {
      indexes.sort((a, b) => {
        const x = model.rows[a][order.index];
        const y = model.rows[b][order.index];
        const compared = typeof x === 'number' || typeof y === 'number' ? (x ?? -Infinity) - (y ?? -Infinity) : String(x).localeCompare(String(y), ctx.lang);
        return order.descending ? -compared : compared;
      });
    }
    const head = model.columns.map((column, i) => {
      const sorted = order.index === i ? (order.descending ? 'descending' : 'ascending') : 'none';
      return el('th', { scope: 'col', 'aria-sort': sorted },
        el('button', { type: 'button', class: 'sort', text: column.label, onclick: () => {
          order = { index: i, descending: order.index === i ? !order.descending : i > 0 };
          draw();
        } }));
    });
    const rows = indexes.map((r) => {
      const row = model.rows[r];
      const code = model.rowCodes[r];
      const selected = code === model.selected;
      return el('tr', { class: selected ? 'selected' : '', dataset: { unit: code } }, row.map((value, i) => {
        const mark = model.marks?.[r]?.[i];
        const status = model.statuses?.[r];
        if (status && model.columns[i].key === 'status') {
          return el('td', { class: `status-${status}` }, ['green', 'amber', 'red'].includes(status) ? el('span', { class: `status-dot ${status}`, 'aria-hidden': 'true' }) : null, String(value));
        }
        if (i > 0 && mark) return el('td', { class: 'num low-reliability', title: mark, text: `${cell(value, model.columns[i].type || 'int', ctx.lang)} *` });
        if (i > 0) return el('td', { class: 'num', text: cell(value, model.columns[i].type || 'int', ctx.lang) });
        const name = code && model.onSelect
          ? el('button', { type: 'button', class: 'link', 'aria-pressed': String(selected), title: model.clickLabel, text: value,
            onclick: () => model.onSelect(selected ? null : code) })
          : value;
        return el('th', { scope: 'row' }, name);
      }));
    });
    clear(wrap).append(el('table', { class: 'data compare' }, el('caption', { class: 'visually-hidden', text: model.title }),
      el('thead', {}, el('tr', {}, head)), el('tbody', {}, rows)));
    requestAnimationFrame(showHint);
  }
  draw();
}
