// The global filters: reference date, geography, unit, sex, age, ethnicity. Each change goes into the URL.
import { el, clear } from './dom.js';
import { date } from './format.js';
import { BROAD_AGES } from './state.js';
import { BANDS, ETHNICITY_ROLES, EXACT_ROLES, ageLabel } from './context.js';

function field(name, label, options, value, props = {}) {
  const select = el('select', { id: `filter-${name}`, name, ...props },
    options.map((option) => (option.group
      ? el('optgroup', { label: option.group }, option.options.map((o) => el('option', { value: o.value, selected: o.value === value, disabled: o.disabled, title: o.title, text: o.label })))
      : el('option', { value: option.value, selected: option.value === value, disabled: option.disabled, title: option.title, text: option.label }))));
  return el('div', { class: 'field' }, el('label', { for: `filter-${name}`, text: label }), select);
}

export function renderFilters(form, ctx) {
  const { t, state, lang } = ctx;
  clear(form);
  const dates = [...ctx.dates].reverse().map((d) => ({ value: d, label: date(d) }));
  const exact = ctx.role(EXACT_ROLES);
  // The projection applies its own disclosure rule to the old communes (rounded age groups), so every role may pick them there.
  const historical = exact || state.page === 'forecast';
  const units = ctx.communes.map((unit) => ({ value: unit.code, label: unit.name }));
  const stock = ctx.cubes.get('population_stock');
  const ethnicity = stock?.dimensions.find((d) => d.name === 'ethnicity');
  const fields = [
    field('date', t.date, dates, ctx.refDate),
    field('geo', t.geo, [{ value: '', label: t.geo2025 }, { value: 'asof', label: t.geoAsof, disabled: !historical, title: historical ? undefined : t.geoAsofLocked }], state.geo || ''),
    field('unit', t.unit, ctx.scoped ? units : [{ value: '', label: t.wholeArea }, ...units], state.unit || ''),
    field('sex', t.sex, [{ value: '', label: t.all }, { value: 'M', label: t.cols.male }, { value: 'F', label: t.cols.female }], state.sex || ''),
    field('age', t.age, [{ value: '', label: t.allAges },
      { group: t.ageBroad, options: BROAD_AGES.filter((a) => a !== '60-64').map((a) => ({ value: a, label: ageLabel(a, lang) })) },
      { group: t.ageBand, options: BANDS.map((a) => ({ value: a, label: ageLabel(a, lang) })) }], state.age || ''),
  ];
  if (ethnicity && ctx.role(ETHNICITY_ROLES)) {
    fields.push(field('eth', t.eth, [{ value: '', label: t.all }, ...ethnicity.codes.map((c) => ({ value: c.code, label: c.label }))], state.eth || ''));
  }
  const reset = el('button', { type: 'button', class: 'secondary', text: t.reset });
  reset.addEventListener('click', () => ctx.navigate({ date: undefined, geo: undefined, unit: ctx.scoped ? state.unit : undefined, sex: undefined, age: undefined, eth: undefined, cmp: undefined }));
  form.append(el('h2', { class: 'visually-hidden', text: t.filters }), ...fields, el('div', { class: 'field field-actions' }, reset));
  // A filter applies when the choice is made (a click, Enter, leaving the list), not at each arrow key that walks
  // through the options of a closed list: redrawing every chart on each key press is slow and loses the reader.
  const apply = (select) => {
    delete select.dataset.pending;
    const value = select.value || undefined;
    if (value === (state[select.name] || undefined)) return;
    const changes = { [select.name]: value };
    if (select.name === 'geo') changes.unit = undefined;
    ctx.navigate(changes, { keepFocus: true });
  };
  const walking = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'Home', 'End'];
  form.onkeydown = (event) => {
    if (event.target.tagName !== 'SELECT') return;
    if (walking.includes(event.key)) event.target.dataset.pending = 'true';
    else if (event.key === 'Enter') {
      event.preventDefault();
      apply(event.target);
    }
  };
  form.onchange = (event) => {
    if (event.target.tagName !== 'SELECT' || event.target.dataset.pending) return;
    apply(event.target);
  };
  form.applyPending = apply;
  if (!form.dataset.wired) {
    form.dataset.wired = 'true';
    form.addEventListener('focusout', (event) => {
      if (event.target.tagName === 'SELECT' && event.target.dataset.pending) form.applyPending(event.target);
    });
  }
  form.onsubmit = (event) => event.preventDefault();
}
