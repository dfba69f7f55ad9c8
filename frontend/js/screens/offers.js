// #/offers: pupils browse offers of their region, best fit first. The results come at once;
// the filters wait in a collapsible panel. #/offers?berufsfeld=ITC opens filtered (the
// occupation screens' "Praktikum dazu finden").

import { plural } from '../i18n.js';
import { announce, busy, formatDate, h, notice, replace, screenReady, selectField } from '../ui.js';
import { BERUFSFELDER, KINDS, fieldName, kindName, prepare } from './internships-common.js';

const DISTANCES = ['', '5', '10', '20', '50'];
const FILTERS = ['berufsfeld', 'kind', 'date_from', 'date_to', 'max_distance_km', 'free_only'];

/** The filters given in the address (only known names and values that are not empty). */
function initialParams(query) {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (query && query[name]) params.set(name, query[name]);
  if (params.has('berufsfeld') && !BERUFSFELDER.includes(params.get('berufsfeld'))) params.delete('berufsfeld');
  return params;
}

function fillForm(form, params) {
  for (const [name, value] of params.entries()) {
    const input = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(name));
    if (!input) continue;
    if (input.type === 'checkbox') input.checked = value === 'true';
    else input.value = value;
  }
}

function summaryText(ctx, params) {
  const active = FILTERS.filter((name) => params.has(name)).length;
  const heading = ctx.t('internships.offers.filter_heading');
  if (!active) return heading;
  return `${heading} · ${plural(active, ['internships.offers.filter_active.one', 'internships.offers.filter_active.other'])}`;
}

function filterPanel(ctx, initial, onSubmit) {
  const summary = h('summary', { class: 'offers-filter__summary', id: 'offer-filter-summary' }, summaryText(ctx, initial));
  const form = filterForm(ctx, async (params) => {
    summary.textContent = summaryText(ctx, params);
    await onSubmit(params);
  });
  fillForm(form, initial);
  return h('details', { class: 'card offers-filter', id: 'offer-filter-panel' }, summary, form);
}

function filterForm(ctx, onSubmit) {
  const t = (key, params) => ctx.t(`internships.offers.${key}`, params);
  const form = h('form', { id: 'offer-filter', novalidate: true },
    h('div', { class: 'offers-filter__grid' },
      selectField({ id: 'filter-field', name: 'berufsfeld', label: t('berufsfeld'), options: [
        { value: '', label: t('all') }, ...BERUFSFELDER.map((code) => ({ value: code, label: fieldName(ctx, code) }))] }),
      selectField({ id: 'filter-kind', name: 'kind', label: t('kind'), options: [
        { value: '', label: t('all') }, ...KINDS.map((k) => ({ value: k, label: kindName(ctx, k) }))] }),
      h('div', { class: 'field' }, h('label', { for: 'filter-from' }, t('date_from')),
        h('input', { id: 'filter-from', name: 'date_from', type: 'date' })),
      h('div', { class: 'field' }, h('label', { for: 'filter-to' }, t('date_to')),
        h('input', { id: 'filter-to', name: 'date_to', type: 'date' })),
      selectField({ id: 'filter-distance', name: 'max_distance_km', label: t('distance'),
        options: DISTANCES.map((km) => ({ value: km, label: km ? t('km', { km }) : t('any_distance') })) })),
    h('div', { class: 'check' }, h('input', { type: 'checkbox', id: 'filter-free', name: 'free_only' }),
      h('label', { for: 'filter-free' }, t('free_only'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t('apply')),
      h('button', { type: 'reset', class: 'button button--secondary', id: 'offer-filter-reset' }, t('reset'))));
  form.addEventListener('reset', () => {
    setTimeout(() => form.requestSubmit(), 0); // after the browser has emptied the fields
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const [key, value] of data.entries()) if (value) params.set(key, key === 'free_only' ? 'true' : String(value));
    busy(form.querySelector('button[type="submit"]'), () => onSubmit(params));
  });
  return form;
}

function offerCard(ctx, offer) {
  const t = (key, params) => ctx.t(`internships.offers.${key}`, params);
  const headingId = `offer-${offer.id}-title`;
  const next = offer.slots[0];
  return h('li', { class: 'list-item offer-card', 'aria-labelledby': headingId },
    h('h3', { class: 'list-item__title', id: headingId }, offer.title),
    h('p', { class: 'subtle' }, `${kindName(ctx, offer.kind)} · ${offer.provider_name}`),
    h('ul', { class: 'tags', 'aria-label': t('berufsfeld') },
      offer.berufsfelder.map((code) => h('li', { class: 'tag' }, fieldName(ctx, code)))),
    offer.fit && offer.fit.reasons.length
      ? h('p', { class: 'offer-fit' }, t('fit', { fields: offer.fit.reasons.map((c) => fieldName(ctx, c)).join(', ') }))
      : null,
    h('p', {}, `${offer.postcode} ${offer.city}`,
      offer.distance_km !== null ? ` · ${t('distance_km', { km: offer.distance_km })}` : ''),
    next ? h('p', {}, `${formatDate(next.starts_on, ctx.lang)} · ${ctx.t('internships.free_places', { free: offer.free_places, capacity: offer.slots.reduce((n, s) => n + s.capacity, 0) })}`) : null,
    h('a', { class: 'button button--primary', href: `#/offers/${offer.id}` }, t('details', { title: offer.title })));
}

export async function render(root, ctx) {
  await prepare();
  const title = ctx.t('internships.offers.title');
  const results = h('div', { id: 'offer-results', 'aria-live': 'polite' });

  async function load(filters) {
    const params = new URLSearchParams(filters);
    params.set('per_page', '50');
    const page = await ctx.api.get(`/offers?${params.toString()}`);
    replace(results,
      h('h2', { id: 'offer-count' },
        plural(page.total, ['internships.offers.results_heading.one', 'internships.offers.results_heading.other'])),
      h('p', { class: 'subtle' }, ctx.t(`internships.offers.sorted_${page.sorted_by}`)),
      page.items.length
        ? h('ul', { class: 'list', id: 'offer-list' }, page.items.map((offer) => offerCard(ctx, offer)))
        : notice('info', ctx.t('internships.offers.none')));
    return page;
  }

  const initial = initialParams(ctx.query);
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('internships.offers.lead')),
    filterPanel(ctx, initial, async (params) => {
      const page = await load(params);
      announce(ctx.t('internships.loaded', { count: page.total }));
    }),
    results);
  await load(initial);
  screenReady(root, title);
}
