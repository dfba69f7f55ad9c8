// Pupil: "Ausbildungsplätze für dich" — matches with their "warum"; mark interest and, if you
// like, let the company see your name (your consent, as for bookings).

import { actionButton, announce, busy, h, notice, replace, screenReady } from '../ui.js';
import { facts, prepare, sourceLink, whyLine } from './vacancies-common.js';

const t = (ctx, key, params) => ctx.t(`vacancies.me.${key}`, params);

function interestForm(ctx, vacancy, reload) {
  const id = `vacancy-consent-${vacancy.id}`;
  const form = h('form', { class: 'form', novalidate: true },
    vacancy.provider_id ? h('div', { class: 'check' },
      h('input', { type: 'checkbox', id, name: 'consent' }),
      h('label', { for: id }, t(ctx, 'consent'))) : null,
    vacancy.provider_id ? h('p', { class: 'subtle' }, t(ctx, 'consent_hint')) : null,
    h('div', { class: 'actions' }, h('button', {
      type: 'submit', class: 'button button--primary',
      'aria-label': t(ctx, 'interest_for', { title: vacancy.title, employer: vacancy.employer_name }),
    }, t(ctx, 'interest'))),
    h('div', { role: 'status', class: 'vacancy-message' }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const consent = Boolean(vacancy.provider_id) && new FormData(form).get('consent') === 'on';
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        const result = await ctx.api.post(`/vacancies/${vacancy.id}/interest`, { interested: true, consent });
        announce(result.company_sees_me ? t(ctx, 'company_sees_you') : t(ctx, 'interested'));
        await reload();
      } catch (error) {
        const text = error.status === 403 ? t(ctx, 'guardian') : (error.detail || String(error));
        replace(form.querySelector('.vacancy-message'), notice('error', text));
      }
    });
  });
  return form;
}

function interestState(ctx, vacancy, mine, reload) {
  const sees = mine && mine.consent;
  return h('div', { class: 'vacancy-interest' },
    notice('success', t(ctx, 'interested'), ' ', sees ? t(ctx, 'company_sees_you') : t(ctx, 'company_does_not_see_you')),
    sees || !vacancy.provider_id ? null : interestForm(ctx, vacancy, reload),
    actionButton({
      label: t(ctx, 'withdraw'), kind: 'button--danger-quiet', ariaLabel: t(ctx, 'withdraw_for', { title: vacancy.title }),
      onClick: async () => {
        await ctx.api.post(`/vacancies/${vacancy.id}/interest`, { interested: false });
        announce(t(ctx, 'saved'));
        await reload();
      },
    }));
}

function vacancyItem(ctx, vacancy, reload) {
  const headingId = `vacancy-${vacancy.id}-h`;
  const mine = vacancy.my_interest;
  return h('li', { class: 'list-item vacancy', 'aria-labelledby': headingId, 'data-vacancy': String(vacancy.id) },
    h('h3', { class: 'list-item__title', id: headingId }, vacancy.title),
    whyLine(ctx, vacancy),
    facts(ctx, vacancy, { pupil: true }),
    sourceLink(ctx, vacancy),
    vacancy.interested ? interestState(ctx, vacancy, mine, reload) : interestForm(ctx, vacancy, reload));
}

export async function render(root, ctx) {
  await prepare();
  const title = t(ctx, 'title');
  const draw = async (focus) => {
    const result = await ctx.api.get('/me/vacancy-matches');
    const reload = () => draw(false);
    const items = result.items.map((vacancy) => vacancyItem(ctx, vacancy, reload));
    replace(root,
      h('h1', {}, title),
      h('p', { class: 'lead' }, t(ctx, 'lead')),
      !result.eligible ? notice('info', t(ctx, 'not_eligible')) : null,
      result.eligible && !result.profile_code ? notice('info', t(ctx, 'no_profile')) : null,
      result.eligible && !items.length ? notice('info', t(ctx, 'none')) : null,
      items.length ? h('ul', { class: 'list', id: 'vacancy-matches' }, items) : null);
    if (focus) screenReady(root, title);
  };
  await draw(true);
}
