// #/provider: a company's contact sees its approval state and offers, and creates offers.
// Without an organisation yet, the contact registers one (approved later by the Kommune).

import {
  announce, busy, field, filledValues, formErrors, h, notice, replace, screenReady, selectField,
} from '../ui.js';
import { BERUFSFELDER, KINDS, fieldName, kindName, prepare } from './internships-common.js';

const t = (ctx, key, params) => ctx.t(`internships.provider.${key}`, params);

function registerForm(ctx) {
  const form = h('form', { class: 'form card', id: 'provider-register', novalidate: true },
    h('h2', {}, t(ctx, 'register_heading')),
    h('p', {}, t(ctx, 'register_lead')),
    field({ label: t(ctx, 'name'), name: 'name', required: true, maxlength: 200 }),
    selectField({ id: 'provider-kind', name: 'kind', label: t(ctx, 'provider_kind'),
      options: ['company', 'traeger'].map((kind) => ({ value: kind, label: t(ctx, kind) })) }),
    field({ label: t(ctx, 'kommune_id'), name: 'kommune_id', type: 'number', min: 1, required: true, value: ctx.me.kommune_id || '' }),
    field({ label: t(ctx, 'street'), name: 'street', maxlength: 200 }),
    field({ label: t(ctx, 'postcode'), name: 'postcode', required: true, inputmode: 'numeric', maxlength: 5, autocomplete: 'postal-code' }),
    field({ label: t(ctx, 'city'), name: 'city', maxlength: 120 }),
    field({ label: t(ctx, 'email'), name: 'email', type: 'email', autocomplete: 'email' }),
    field({ label: t(ctx, 'phone'), name: 'phone', type: 'tel', autocomplete: 'tel' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t(ctx, 'register'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { ...filledValues(form), kommune_id: Number(new FormData(form).get('kommune_id')) || undefined };
    busy(form.querySelector('button[type="submit"]'), async () => {
      try {
        await ctx.api.post('/providers', body);
        await ctx.refreshMe();
        ctx.navigate('/provider');
      } catch (error) {
        formErrors(form, error, error.status === 422 ? ctx.t('app.common.check_fields') : null);
      }
    });
  });
  return form;
}

function offerForm(ctx, onCreated) {
  const form = h('form', { class: 'form card', id: 'offer-form', novalidate: true },
    h('h2', {}, t(ctx, 'new_offer')),
    selectField({ id: 'offer-kind', name: 'kind', label: ctx.t('internships.offers.kind'),
      options: KINDS.map((k) => ({ value: k, label: kindName(ctx, k) })) }),
    field({ label: t(ctx, 'title_field'), name: 'title', required: true, maxlength: 200 }),
    field({ label: t(ctx, 'description'), name: 'description', type: 'textarea', maxlength: 5000, rows: 4 }),
    h('fieldset', { class: 'fieldset' }, h('legend', {}, t(ctx, 'fields_legend')),
      h('ul', { class: 'check-list fields-grid' }, BERUFSFELDER.map((code) => h('li', { class: 'check' },
        h('input', { type: 'checkbox', id: `offer-field-${code}`, name: 'berufsfelder', value: code }),
        h('label', { for: `offer-field-${code}` }, fieldName(ctx, code)))))),
    field({ label: t(ctx, 'street'), name: 'street', maxlength: 200 }),
    field({ label: t(ctx, 'postcode'), name: 'postcode', required: true, inputmode: 'numeric', maxlength: 5 }),
    field({ label: t(ctx, 'city'), name: 'city', maxlength: 120 }),
    field({ label: t(ctx, 'accessibility'), name: 'accessibility_notes', type: 'textarea', maxlength: 2000, rows: 2 }),
    field({ label: t(ctx, 'min_jahrgang'), name: 'min_jahrgang', type: 'number', min: 7, max: 13, value: '8' }),
    h('div', { class: 'check' }, h('input', { type: 'checkbox', id: 'offer-publish', name: 'publish', checked: true }),
      h('label', { for: 'offer-publish' }, t(ctx, 'publish'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t(ctx, 'create'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      kind: data.get('kind'), title: data.get('title'), description: data.get('description'),
      berufsfelder: data.getAll('berufsfelder'), street: data.get('street'), postcode: data.get('postcode'),
      city: data.get('city'), accessibility_notes: data.get('accessibility_notes'),
      min_jahrgang: Number(data.get('min_jahrgang')) || 8, status: data.get('publish') ? 'published' : 'draft',
    };
    busy(form.querySelector('button[type="submit"]'), async () => {
      try {
        const offer = await ctx.api.post('/offers', body);
        announce(t(ctx, 'created'));
        onCreated(offer);
      } catch (error) {
        formErrors(form, error, error.status === 422 ? ctx.t('app.common.check_fields') : null);
      }
    });
  });
  return form;
}

function offerItem(ctx, offer) {
  const headingId = `own-offer-${offer.id}`;
  return h('li', { class: 'list-item', 'aria-labelledby': headingId },
    h('h3', { class: 'list-item__title', id: headingId }, offer.title, ' ',
      h('span', { class: 'badge' }, t(ctx, `status.${offer.status}`))),
    h('p', { class: 'subtle' }, `${kindName(ctx, offer.kind)} · ${offer.slots.length} · ${ctx.t('internships.free_places', {
      free: offer.free_places, capacity: offer.slots.reduce((n, s) => n + s.capacity, 0) })}`),
    h('a', { class: 'button button--secondary', href: `#/provider/offers/${offer.id}` }, t(ctx, 'manage', { title: offer.title })));
}

export async function render(root, ctx) {
  await prepare();
  const title = t(ctx, 'title');
  if (!ctx.me.provider_id) {
    replace(root, h('h1', {}, title), registerForm(ctx));
    screenReady(root, title);
    return;
  }
  const [providers, page] = await Promise.all([ctx.api.get('/providers'), ctx.api.get('/offers?per_page=100')]);
  const provider = providers[0];
  replace(root,
    h('h1', {}, title),
    provider ? h('p', { class: 'lead' }, provider.name, ' ', provider.approved
      ? h('span', { class: 'badge badge--ok' }, t(ctx, 'approved')) : null) : null,
    provider && !provider.approved ? notice('info', t(ctx, 'pending')) : null,
    h('h2', {}, t(ctx, 'offers')),
    page.items.length
      ? h('ul', { class: 'list', id: 'own-offers' }, page.items.map((offer) => offerItem(ctx, offer)))
      : notice('info', t(ctx, 'no_offers')),
    offerForm(ctx, (offer) => ctx.navigate(`/provider/offers/${offer.id}`)));
  screenReady(root, title);
}
