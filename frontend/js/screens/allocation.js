// #/allocation: the rounds in my scope; coordinators open new rounds here.

import { announce, busy, field, formErrors, h, notice, replace, screenReady, selectField } from '../ui.js';
import { prepare, roundFacts, statusBadge } from './allocation-common.js';

const JAHRGAENGE = ['8', '9', '10', 'EF', 'Q1', 'Q2', 'BK1', 'BK2', 'BK3'];

function roundCard(ctx, round) {
  const pupil = ctx.me.role === 'pupil';
  const headingId = `round-${round.id}-title`;
  return h('li', { class: 'list-item', 'aria-labelledby': headingId },
    h('h3', { class: 'list-item__title', id: headingId }, round.name, ' ', statusBadge(ctx, round.status)),
    roundFacts(ctx, round),
    h('p', { class: 'subtle' }, pupil
      ? ctx.t('allocation.my_choices_count', { count: round.my_choice_count || 0, max: round.max_choices })
      : `${ctx.t('allocation.ranked_pupils')}: ${round.ranked_pupils}`),
    h('a', { class: 'button button--primary', href: `#/allocation/${round.id}` },
      ctx.t(pupil ? 'allocation.choose' : 'allocation.open_round', { name: round.name })));
}

function createForm(ctx, onCreated) {
  const t = (key) => ctx.t(`allocation.create.${key}`);
  const admin = ctx.me.role === 'admin';
  const form = h('form', { class: 'form card', id: 'round-form', novalidate: true },
    h('h2', {}, t('heading')),
    field({ label: t('name'), name: 'name', hint: t('name_hint'), required: true, maxlength: 120 }),
    admin ? field({ label: t('school_id'), name: 'school_id', type: 'number', min: 1, required: true }) : null,
    field({ label: t('period_start'), name: 'period_start', type: 'date', required: true }),
    field({ label: t('period_end'), name: 'period_end', type: 'date', required: true }),
    field({ label: t('deadline'), name: 'preference_deadline', type: 'datetime-local', hint: t('deadline_hint'), required: true }),
    selectField({ id: 'round-max', name: 'max_choices', label: t('max_choices'),
      options: ['6', '5', '4', '3', '2', '1'].map((n) => ({ value: n, label: n })) }),
    selectField({ id: 'round-jahrgang', name: 'jahrgang', label: t('jahrgang'),
      options: [{ value: '', label: t('all_jahrgaenge') }, ...JAHRGAENGE.map((j) => ({ value: j, label: j }))] }),
    h('div', { class: 'check' }, h('input', { type: 'checkbox', id: 'round-leaving', name: 'leaving_only' }),
      h('label', { for: 'round-leaving' }, t('leaving_only'))),
    field({ label: t('seed'), name: 'seed', type: 'number', min: 0, hint: t('seed_hint') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t('submit'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const deadline = data.get('preference_deadline');
    const body = {
      name: data.get('name'), period_start: data.get('period_start'), period_end: data.get('period_end'),
      preference_deadline: deadline ? new Date(String(deadline)).toISOString() : '',
      max_choices: Number(data.get('max_choices')), leaving_only: data.get('leaving_only') === 'on',
    };
    if (data.get('jahrgang')) body.jahrgang = data.get('jahrgang');
    if (data.get('seed')) body.seed = Number(data.get('seed'));
    if (admin) body.school_id = Number(data.get('school_id'));
    else if (ctx.me.role === 'stubo') body.school_id = ctx.me.school_id;
    else body.kommune_id = ctx.me.kommune_id;
    busy(form.querySelector('button[type="submit"]'), async () => {
      try {
        const round = await ctx.api.post('/allocation-rounds', body);
        announce(ctx.t('allocation.create.created', { name: round.name }));
        onCreated(round);
      } catch (error) {
        formErrors(form, error, error.status === 422 ? ctx.t('app.common.check_fields') : null);
      }
    });
  });
  return form;
}

export async function render(root, ctx) {
  await prepare();
  const staff = ctx.me.role !== 'pupil';
  const title = ctx.t('allocation.title');
  const page = await ctx.api.get('/allocation-rounds?per_page=100');
  const list = page.items.length
    ? h('ul', { class: 'list', id: 'round-list' }, page.items.map((round) => roundCard(ctx, round)))
    : notice('info', ctx.t('allocation.none'));
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t(staff ? 'allocation.lead_staff' : 'allocation.lead_pupil')),
    h('h2', {}, ctx.t('allocation.list_heading')),
    list,
    staff ? createForm(ctx, (round) => ctx.navigate(`/allocation/${round.id}`)) : null);
  screenReady(root, title);
}
