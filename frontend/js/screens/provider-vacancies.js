// Company: publish Ausbildungsplätze, see who is interested (names only with the young
// person's consent), mark a place filled, advertise it again or withdraw it.

import {
  actionButton, announce, busy, clearErrors, field, formatDate, formErrors, h, notice, replace, screenReady, selectField,
} from '../ui.js';
import { CERTIFICATES, certificateName, facts, prepare } from './vacancies-common.js';

const t = (ctx, key, params) => ctx.t(`vacancies.provider.${key}`, params);

function vacancyForm(ctx, occupations, onSaved) {
  const choose = { value: '', label: t(ctx, 'choose') };
  const form = h('form', { class: 'form', id: 'vacancy-form', novalidate: true },
    selectField({
      id: 'vacancy-occupation', name: 'occupation_id', label: t(ctx, 'occupation'), required: true,
      options: [choose, ...occupations.map((o) => ({ value: String(o.id), label: o.title }))],
    }),
    field({ id: 'vacancy-title', name: 'title', label: t(ctx, 'title_field'), maxlength: 200 }),
    field({ id: 'vacancy-starts', name: 'starts_on', type: 'date', label: t(ctx, 'starts_on'), required: true }),
    field({ id: 'vacancy-places', name: 'places', type: 'number', min: 1, max: 500, value: '1', label: t(ctx, 'places') }),
    field({ id: 'vacancy-street', name: 'street', label: t(ctx, 'street'), maxlength: 200 }),
    field({ id: 'vacancy-postcode', name: 'postcode', label: t(ctx, 'postcode'), required: true, inputmode: 'numeric', maxlength: 5 }),
    field({ id: 'vacancy-city', name: 'city', label: t(ctx, 'city'), maxlength: 120 }),
    selectField({
      id: 'vacancy-certificate', name: 'usual_certificate', label: t(ctx, 'usual_certificate'),
      options: [choose, ...CERTIFICATES.map((key) => ({ value: key, label: certificateName(ctx, key) }))],
    }),
    field({ id: 'vacancy-deadline', name: 'apply_until', type: 'date', label: t(ctx, 'apply_until') }),
    field({ id: 'vacancy-apply', name: 'how_to_apply', type: 'textarea', label: t(ctx, 'how_to_apply'), required: true, maxlength: 2000 }),
    field({ id: 'vacancy-description', name: 'description', type: 'textarea', label: t(ctx, 'description'), maxlength: 4000 }),
    field({ id: 'vacancy-accessibility', name: 'accessibility_notes', type: 'textarea', label: t(ctx, 'accessibility_notes'), maxlength: 2000 }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t(ctx, 'publish'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const text = (name) => String(data.get(name) || '').trim();
    const body = {
      occupation_id: Number(data.get('occupation_id')) || null, starts_on: text('starts_on') || null,
      places: Number(data.get('places')) || 1, street: text('street'), postcode: text('postcode'), city: text('city'),
      usual_certificate: text('usual_certificate') || null, apply_until: text('apply_until') || null,
      how_to_apply: text('how_to_apply'), description: text('description'), accessibility_notes: text('accessibility_notes'),
    };
    if (text('title')) body.title = text('title');
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        await ctx.api.post('/vacancies', body);
        announce(t(ctx, 'published'));
        form.reset();
        await onSaved();
      } catch (error) {
        formErrors(form, error, error.status === 422 ? ctx.t('app.common.check_fields') : null);
      }
    });
  });
  return form;
}

function candidates(ctx, vacancy) {
  return h('section', { 'aria-label': t(ctx, 'candidates') },
    h('h4', {}, t(ctx, 'candidates')),
    vacancy.candidates.length
      ? h('ul', { class: 'candidates' }, vacancy.candidates.map((c) => h('li', {},
        t(ctx, 'candidate_line', { name: `${c.first_name} ${c.last_name}`, school: c.school_name || '–' }),
        c.email ? [' · ', h('a', { href: `mailto:${c.email}` }, c.email)] : null,
        ` · ${formatDate(c.since, ctx.lang)}`)))
      : h('p', { class: 'subtle' }, t(ctx, 'no_candidates')));
}

function vacancyItem(ctx, vacancy, reload) {
  const headingId = `own-vacancy-${vacancy.id}`;
  const change = (label, ariaKey, action) => actionButton({
    label: t(ctx, label), ariaLabel: t(ctx, ariaKey, { title: vacancy.title }), onClick: async () => {
      await action();
      announce(t(ctx, 'changed'));
      await reload();
    },
  });
  const open = vacancy.status === 'open';
  return h('li', { class: 'list-item', 'aria-labelledby': headingId },
    h('h3', { class: 'list-item__title', id: headingId }, vacancy.title, ' ',
      h('span', { class: 'badge' }, ctx.t(`vacancies.status.${vacancy.status}`)), ' ',
      h('span', { class: `badge ${vacancy.live ? 'badge--ok' : 'badge--pending'}` }, t(ctx, vacancy.live ? 'live' : 'not_live'))),
    facts(ctx, vacancy),
    h('p', {}, t(ctx, 'interested', { count: vacancy.interested_count || 0 })),
    candidates(ctx, vacancy),
    h('div', { class: 'actions' },
      open ? change('filled', 'filled_for', () => ctx.api.patch(`/vacancies/${vacancy.id}`, { status: 'filled' }))
        : change('reopen', 'reopen_for', () => ctx.api.patch(`/vacancies/${vacancy.id}`, { status: 'open' })),
      change('withdraw', 'withdraw_for', () => ctx.api.del(`/vacancies/${vacancy.id}`))));
}

export async function render(root, ctx) {
  await prepare();
  const title = t(ctx, 'title');
  const [providers, occupations] = await Promise.all([ctx.api.get('/providers'), ctx.api.get('/occupations')]);
  const provider = providers[0];
  const list = h('div', { id: 'own-vacancies' });
  const reload = async () => {
    const page = await ctx.api.get('/vacancies?per_page=100');
    const details = await Promise.all(page.items.map((v) => ctx.api.get(`/vacancies/${v.id}`)));
    replace(list, details.length
      ? h('ul', { class: 'list' }, details.map((vacancy) => vacancyItem(ctx, vacancy, reload)))
      : notice('info', t(ctx, 'none')));
  };
  await reload();
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, t(ctx, 'lead')),
    provider && !provider.approved ? notice('info', t(ctx, 'pending')) : null,
    h('section', { 'aria-labelledby': 'own-vacancies-h' }, h('h2', { id: 'own-vacancies-h' }, t(ctx, 'list')), list),
    h('section', { class: 'card', 'aria-labelledby': 'vacancy-new-h' },
      h('h2', { id: 'vacancy-new-h' }, t(ctx, 'new')), vacancyForm(ctx, occupations, reload)));
  screenReady(root, title);
}
