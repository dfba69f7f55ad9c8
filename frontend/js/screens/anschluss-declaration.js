// Pupil: the identification round asks for the current plan (the law obliges the pupil to
// answer); the class teacher confirms the answer. Shown on "Mein Anschluss" while a round asks.

import { announce, busy, field, formatDate, formErrors, formText, h } from '../ui.js';

function planChoice(ctx, plans, current) {
  return h('fieldset', { class: 'fieldset', id: 'declaration-plans' },
    h('legend', {}, ctx.t('anschluss.declaration.question')),
    h('ul', { class: 'check-list' }, plans.map((plan) => h('li', { class: 'check' },
      h('input', { type: 'radio', name: 'plan', id: `plan-${plan}`, value: plan, required: true,
        checked: current === plan }),
      h('label', { for: `plan-${plan}` }, ctx.t(`anschluss.declaration.plan_${plan}`))))));
}

function lastAnswer(ctx, answer) {
  if (!answer) return null;
  const confirmed = answer.confirmed_at
    ? ctx.t('anschluss.declaration.confirmed', { date: formatDate(answer.confirmed_at, ctx.lang) })
    : ctx.t('anschluss.declaration.waiting');
  return h('p', { id: 'declaration-last' },
    ctx.t('anschluss.declaration.answered', {
      date: formatDate(answer.declared_at, ctx.lang), plan: ctx.t(`anschluss.declaration.plan_${answer.plan}`),
    }), ' ', confirmed);
}

function answerForm(ctx, data, reload) {
  const last = data.declarations[0];
  const form = h('form', { class: 'form', id: 'declaration-form', novalidate: true },
    planChoice(ctx, data.plans, data.answered ? last.plan : null),
    h('div', { class: 'check' },
      h('input', { type: 'checkbox', name: 'secured', id: 'declaration-secured' }),
      h('label', { for: 'declaration-secured' }, ctx.t('anschluss.declaration.secured'))),
    field({ label: ctx.t('anschluss.declaration.note'), hint: ctx.t('anschluss.declaration.note_hint'),
      name: 'note', id: 'declaration-note', maxlength: '200' }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('anschluss.declaration.send'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = new FormData(form);
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        await ctx.api.post('/me/anschluss/declarations', {
          plan: values.get('plan'), secured: values.get('secured') === 'on', note: formText(values, 'note'),
        });
        announce(ctx.t('anschluss.declaration.sent'));
        await reload();
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return form;
}

/** The card, or null when no round asks the pupil now. */
export async function declarationCard(ctx, reload) {
  const data = await ctx.api.get('/me/anschluss/declarations');
  if (!data.asked) return null;
  const last = data.answered ? data.declarations[0] : null;
  return h('section', { class: 'card', id: 'declaration', 'aria-labelledby': 'declaration-h' },
    h('h2', { id: 'declaration-h' }, ctx.t('anschluss.declaration.title')),
    h('p', {}, ctx.t('anschluss.declaration.lead', { until: formatDate(data.round.ends_on, ctx.lang) })),
    lastAnswer(ctx, last),
    last
      ? h('details', { class: 'help' }, h('summary', {}, ctx.t('anschluss.declaration.change')),
        answerForm(ctx, data, reload))
      : answerForm(ctx, data, reload));
}
