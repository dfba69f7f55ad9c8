// Guardians (no account): the page of one pupil, opened with the link from the letter.
// The token travels in the URL fragment (#/guardian/<token>) and is sent only to the API; the
// service worker never caches API answers, so nothing personal stays on the device.

import {
  GUARDIAN_LANGUAGES, LANGUAGE_NAMES, getLanguage, loadNamespace, setLanguage,
} from '../i18n.js';
import {
  actionButton, announce, ensureStylesheet, errorText, formatDate, formatDateTime, h, notice, replace,
  screenReady, select,
} from '../ui.js';

function section(id, title, ...children) {
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

function languagePicker(ctx, token, redraw) {
  const picker = select({
    id: 'guardian-language',
    name: 'language',
    value: getLanguage(),
    options: GUARDIAN_LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] })),
  });
  picker.addEventListener('change', async () => {
    await ctx.api.put(`/guardian/${encodeURIComponent(token)}/language`, { language: picker.value });
    await setLanguage(picker.value);
    await redraw();
  });
  return h('div', { class: 'guardian-language' },
    h('label', { for: 'guardian-language' }, ctx.t('guardian.language')), picker);
}

function plan(ctx, data) {
  if (!data) return null;
  const items = data.steps.length
    ? h('ul', { class: 'list' }, data.steps.map((step) => h('li', { class: 'list-item' },
      h('h3', { class: 'list-item__title' }, step.title),
      h('p', {}, ctx.t(`guardian.step_status.${step.status}`),
        step.date ? ` · ${formatDate(step.date, ctx.lang)}` : ''))))
    : h('p', {}, ctx.t('guardian.plan_empty'));
  return section('guardian-plan-h', ctx.t('guardian.plan_heading'), items);
}

function bookings(ctx, rows) {
  if (!rows) return null;
  const items = rows.length
    ? h('ul', { class: 'list' }, rows.map((row) => h('li', { class: 'list-item' },
      h('h3', { class: 'list-item__title' }, row.title),
      h('p', {}, row.provider_name),
      h('p', {}, ctx.t('guardian.booking_dates', {
        from: formatDate(row.starts_on, ctx.lang), to: formatDate(row.ends_on, ctx.lang),
      }), ' · ', ctx.t(`guardian.booking_status.${row.status}`)))))
    : h('p', {}, ctx.t('guardian.bookings_empty'));
  return section('guardian-bookings-h', ctx.t('guardian.bookings_heading'), items);
}

function agreement(ctx, data, token, redraw) {
  if (!data) return null;
  const confirmed = data.guardian_confirmed_at
    ? h('p', { class: 'notice notice--success' }, ctx.t('guardian.confirmed_on', { date: formatDateTime(data.guardian_confirmed_at, ctx.lang) }))
    : actionButton({
      id: 'guardian-confirm',
      label: ctx.t('guardian.confirm'),
      kind: 'button--primary',
      onClick: async () => {
        await ctx.api.post(`/guardian/${encodeURIComponent(token)}/confirmation`, { vereinbarung_id: data.id });
        await redraw(ctx.t('guardian.confirmed_notice'));
      },
    });
  return section('guardian-agreement-h', ctx.t('guardian.agreement_heading'),
    h('dl', { class: 'meta' },
      h('dt', {}, ctx.t('guardian.wish')), h('dd', {}, [data.wish, data.wish_text].filter(Boolean).join(' – ') || '—'),
      h('dt', {}, ctx.t('guardian.alternatives')), h('dd', {}, data.alternatives.join(', ') || '—')),
    h('h3', {}, ctx.t('guardian.next_steps')),
    data.next_steps.length
      ? h('ul', {}, data.next_steps.map((step) => h('li', {}, step.description,
        step.due_on ? ` (${formatDate(step.due_on, ctx.lang)})` : '', step.done ? ` – ${ctx.t('guardian.done')}` : '')))
      : h('p', {}, '—'),
    data.pupil_confirmed_at ? h('p', {}, ctx.t('guardian.pupil_confirmed_on', { date: formatDate(data.pupil_confirmed_at, ctx.lang) })) : null,
    confirmed);
}

function consentRow(ctx, { name, given, body, token, redraw }) {
  return h('li', { class: 'list-item' },
    h('h3', { class: 'list-item__title' }, name),
    h('p', {}, given ? ctx.t('guardian.consent_given') : ctx.t('guardian.consent_not_given')),
    actionButton({
      label: given ? ctx.t('guardian.withdraw', { name }) : ctx.t('guardian.give', { name }),
      kind: given ? 'button--danger-quiet' : 'button--primary',
      onClick: async () => {
        await ctx.api.post(`/guardian/${encodeURIComponent(token)}/consents`, { ...body, given: !given });
        await redraw(given ? ctx.t('guardian.withdrawn_notice') : ctx.t('guardian.given_notice'));
      },
    }));
}

function consents(ctx, data, token, redraw) {
  if (!data) return section('guardian-consents-h', ctx.t('guardian.consents_heading'), h('p', {}, ctx.t('guardian.pupil_decides')));
  const company = data.company.map((c) => consentRow(ctx, {
    name: c.provider_name, given: c.given, body: { kind: 'company', provider_id: c.provider_id }, token, redraw,
  }));
  const handover = data.handover.map((r) => consentRow(ctx, {
    name: r.name, given: r.given, token, redraw,
    body: r.recipient_id ? { kind: 'handover', recipient_id: r.recipient_id }
      : { kind: 'handover', recipient: r.recipient, recipient_school_id: r.recipient_school_id },
  }));
  return section('guardian-consents-h', ctx.t('guardian.consents_heading'),
    h('h3', {}, ctx.t('guardian.company_heading')),
    h('p', {}, ctx.t('guardian.company_text')),
    h('p', { class: 'subtle' }, ctx.t('guardian.text_version', { version: data.company_text_version })),
    company.length ? h('ul', { class: 'list' }, company) : h('p', {}, ctx.t('guardian.company_none')),
    h('h3', {}, ctx.t('guardian.handover_heading')),
    h('p', {}, ctx.t('guardian.handover_text')),
    h('p', { class: 'subtle' }, ctx.t('guardian.text_version', { version: data.handover_text_version })),
    h('ul', { class: 'list' }, handover));
}

export async function render(root, ctx) {
  await Promise.all([loadNamespace('guardian'), ensureStylesheet('/css/guardian.css')]);
  const token = ctx.params.token;
  let first = true;
  const draw = async (message) => {
    let page;
    try {
      page = await ctx.api.get(`/guardian/${encodeURIComponent(token)}`);
    } catch (error) {
      replace(root, h('h1', {}, ctx.t('guardian.title_plain')), notice('error', errorText(error)));
      return;
    }
    if (first && page.language !== getLanguage()) await setLanguage(page.language);
    first = false;
    const view = { ...ctx, lang: getLanguage() };
    replace(root,
      h('h1', {}, view.t('guardian.title', { name: page.pupil_first_name })),
      h('p', { class: 'lead' }, view.t('guardian.lead', { school: page.school_name })),
      languagePicker(view, token, () => draw()),
      h('p', { role: 'status', class: 'guardian-status' }, message || ''),
      page.sections.length ? null : notice('info', view.t('guardian.nothing_shared')),
      plan(view, page.plan),
      bookings(view, page.bookings),
      agreement(view, page.agreement, token, draw),
      consents(view, page.consents, token, draw),
      h('p', { class: 'subtle' }, view.t('guardian.valid_until', { date: formatDate(page.expires_at, view.lang) })),
      h('p', { class: 'subtle' }, view.t('guardian.logged')));
    if (message) announce(message);
  };
  await draw();
  screenReady(root, ctx.t('guardian.title_plain'));
}
