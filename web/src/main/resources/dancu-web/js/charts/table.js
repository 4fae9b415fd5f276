// A comparison table: one row per unit (the first cell a button that filters every chart on it), numbers right-aligned,
// "x" for withheld values. Columns sort on click.
import { el, clear } from '../dom.js';
import { cell } from '../panel.js';

/** The frame needs no separate data table for this chart: it is one. */
export const isTable = true;

export function render(element, model, ctx) {
  let order = { index: -1, descending: false };
  const wrap = el('div', { class: 'table-scroll' });
  clear(element).append(wrap);
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
  }
  draw();
}
