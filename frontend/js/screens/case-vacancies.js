// The "Passende Ausbildungsplätze" section of a case: matches with their reasons, suggest one
// (noted in the contact log) and record what came of it — an outcome becomes the youth's
// application.

import { actionButton, announce, formatDate, h, notice, replace, selectField } from '../ui.js';
import { OUTCOMES, facts, prepare, sourceLink, whyLine } from './vacancies-common.js';

const t = (ctx, key, params) => ctx.t(`vacancies.case.${key}`, params);

function outcomeForm(ctx, caseId, suggestion, reload) {
  const id = `suggestion-outcome-${suggestion.id}`;
  const select = selectField({
    id, name: 'outcome', label: t(ctx, 'outcome_for', { title: suggestion.title }), value: suggestion.outcome,
    options: OUTCOMES.map((o) => ({ value: o, label: ctx.t(`vacancies.outcome.${o}`) })),
  });
  const save = actionButton({
    label: t(ctx, 'record'), ariaLabel: t(ctx, 'record_for', { title: suggestion.title }),
    onClick: async () => {
      const outcome = /** @type {HTMLSelectElement} */ (select.querySelector('select')).value;
      await ctx.api.post(`/cases/${caseId}/vacancy-suggestions`, { vacancy_id: suggestion.vacancy_id, outcome });
      announce(t(ctx, 'recorded'));
      await reload(t(ctx, 'recorded'));
    },
  });
  return h('div', { class: 'transition-actions' }, select, save);
}

function suggestionList(ctx, caseId, suggestions, reload) {
  if (!suggestions.length) return h('p', { class: 'subtle' }, t(ctx, 'no_suggestions'));
  return h('ul', { class: 'list', id: 'case-suggestions' }, suggestions.map((s) => h('li', { class: 'list-item' },
    h('h4', { class: 'list-item__title' }, `${s.title} – ${s.employer_name}`),
    h('p', {}, ctx.t(`vacancies.outcome.${s.outcome}`), ' · ', formatDate(s.outcome_on || s.suggested_on, ctx.lang),
      s.application_id ? [' · ', h('span', { class: 'badge badge--ok' }, t(ctx, 'application'))] : null),
    outcomeForm(ctx, caseId, s, reload))));
}

function matchItem(ctx, caseId, vacancy, reload) {
  return h('li', { class: 'list-item', 'data-vacancy': String(vacancy.id) },
    h('h4', { class: 'list-item__title' }, vacancy.title),
    whyLine(ctx, vacancy, 'reason_staff'),
    facts(ctx, vacancy),
    sourceLink(ctx, vacancy),
    vacancy.suggestion_outcome ? null : actionButton({
      label: t(ctx, 'suggest'), kind: 'button--primary',
      ariaLabel: t(ctx, 'suggest_for', { title: vacancy.title, employer: vacancy.employer_name }),
      onClick: async () => {
        // The server picks a channel the consent covers (the case's preferred one first).
        await ctx.api.post(`/cases/${caseId}/vacancy-suggestions`, { vacancy_id: vacancy.id });
        announce(t(ctx, 'suggested'));
        await reload(t(ctx, 'suggested'));
      },
    }));
}

/** The section, filled once the matches have loaded; `onContact` reloads the contact log. */
export function caseVacancies(ctx, caseId, onContact) {
  const section = h('section', { class: 'card', id: 'case-vacancies', 'aria-labelledby': 'case-vacancies-h' },
    h('h2', { id: 'case-vacancies-h' }, ctx.t('app.common.loading')));
  const draw = async (message) => {
    await prepare();
    const data = await ctx.api.get(`/cases/${caseId}/vacancy-matches`);
    const reload = async (text) => {
      await draw(text);
      if (onContact) await onContact();
    };
    replace(section,
      h('h2', { id: 'case-vacancies-h' }, t(ctx, 'heading')),
      message ? notice('success', message) : null,
      h('h3', {}, t(ctx, 'suggestions')),
      suggestionList(ctx, caseId, data.suggestions, reload),
      h('p', { class: 'subtle' }, t(ctx, 'lead')),
      data.items.length
        ? h('ul', { class: 'list', id: 'case-vacancy-matches' }, data.items.map((v) => matchItem(ctx, caseId, v, reload)))
        : notice('info', t(ctx, 'none')));
  };
  draw(null).catch(() => replace(section, notice('error', ctx.t('vacancies.case.none'))));
  return section;
}
