// Pupil: "Wohin gingen meine Daten?" — transfers, consents (give/withdraw), staff access (Art. 15).

import {
  actionButton, announce, busy, formatDate, formatDateTime, formErrors, h, replace, screenReady, selectField, table,
} from '../ui.js';
import {
  consentText, consentTextBox, coverageBody, coverageFields, prepare, recipientFields, recipientKey, statusBadge,
} from './cases-common.js';
import { guardianSection } from './disclosures-guardian.js';

function transfers(ctx, items) {
  const body = items.length
    ? h('ul', { class: 'list' }, items.map((item) => h('li', { class: 'list-item' },
      h('h3', { class: 'list-item__title' }, item.recipient_name, ' ',
        item.case_status ? statusBadge(ctx, item.case_status) : null),
      h('dl', { class: 'meta' },
        h('dt', {}, ctx.t('chain.handover.date')), h('dd', {}, formatDate(item.date, ctx.lang)),
        h('dt', {}, ctx.t('chain.disclosures.legal_basis')), h('dd', {}, item.legal_basis),
        h('dt', {}, ctx.t('chain.disclosures.fields')),
        h('dd', {}, item.fields.map((f) => ctx.t(`chain.fields.${f}`)).join(', '))))))
    : h('p', {}, ctx.t('chain.disclosures.transfers_none'));
  return h('section', { class: 'card', 'aria-labelledby': 'transfers-h' },
    h('h2', { id: 'transfers-h' }, ctx.t('chain.disclosures.transfers_heading')), body);
}

function consents(ctx, overview, reload) {
  const items = overview.consents.length
    ? h('ul', { class: 'list' }, overview.consents.map((c) => {
      const withdraw = c.active ? actionButton({
        label: ctx.t('chain.disclosures.withdraw', { recipient: c.recipient_name }), kind: 'button--danger-quiet',
        onClick: async () => {
          await ctx.api.post(`/me/handover-consents/${c.id}/withdraw`);
          await reload(ctx.t('chain.disclosures.withdrawn_notice'));
        },
      }) : null;
      return h('li', { class: 'list-item' },
        h('h3', { class: 'list-item__title' }, c.recipient_name),
        h('p', {}, ctx.t('chain.disclosures.given', { date: formatDate(c.given_at, ctx.lang), by: ctx.t(`chain.given_by.${c.given_by}`) })),
        c.withdrawn_at ? h('p', {}, ctx.t('chain.disclosures.withdrawn', { date: formatDate(c.withdrawn_at, ctx.lang) })) : null,
        h('p', {}, consentText(ctx, c.terms)),
        h('p', { class: 'subtle' }, ctx.t('chain.disclosures.text_version', { version: c.text_version })),
        withdraw);
    }))
    : h('p', {}, ctx.t('chain.disclosures.consents_none'));
  return h('section', { class: 'card', 'aria-labelledby': 'consents-h' },
    h('h2', { id: 'consents-h' }, ctx.t('chain.disclosures.consents_heading')), items,
    giveForm(ctx, overview, reload));
}

function giveForm(ctx, overview, reload) {
  const heading = h('h3', {}, ctx.t('chain.disclosures.give_heading'));
  const text = h('p', {}, ctx.t('chain.disclosures.give_text'));
  if (!overview.may_consent_myself) return [heading, text, h('p', { class: 'notice notice--info' }, ctx.t('chain.disclosures.give_under_14'))];
  const active = new Set(overview.consents.filter((c) => c.active).map(recipientKey));
  const choices = overview.recipients
    .map((r) => ({ value: recipientKey(r), label: r.name }))
    .filter((choice) => !active.has(choice.value));
  if (!choices.length) return [heading, text];
  const form = h('form', { class: 'form', id: 'give-consent-form', novalidate: true },
    selectField({ id: 'give-recipient', name: 'recipient', label: ctx.t('chain.handover.recipient'), options: choices }),
    ...coverageFields(ctx, 'give', { covers: ctx.t('chain.disclosures.covers'), phone: ctx.t('chain.disclosures.phone'),
      preferred: ctx.t('chain.disclosures.preferred_channel') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('chain.disclosures.give'))));
  form.insertBefore(consentTextBox(ctx, form, overview.recipients, 'give-consent-text'), form.lastChild);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const body = { ...recipientFields(values.get('recipient')), ...coverageBody(values) };
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        await ctx.api.post('/me/handover-consents', body);
        await reload(ctx.t('chain.disclosures.given_notice'));
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return [heading, text, form];
}

// Consents to companies (Betriebe of internships): given and withdrawn ones, with the date.
function companyConsents(ctx, consents) {
  const body = consents.length
    ? h('ul', { class: 'list', id: 'company-consents' }, consents.map((c) => h('li', { class: 'list-item' },
      h('strong', {}, c.provider_name), ' – ',
      c.revoked_at
        ? ctx.t('chain.disclosures.company_revoked', { given: formatDateTime(c.given_at, ctx.lang), revoked: formatDateTime(c.revoked_at, ctx.lang) })
        : ctx.t('chain.disclosures.company_given', { given: formatDateTime(c.given_at, ctx.lang) }))))
    : h('p', {}, ctx.t('chain.disclosures.companies_none'));
  return h('section', { class: 'card', 'aria-labelledby': 'companies-h' },
    h('h2', { id: 'companies-h' }, ctx.t('chain.disclosures.companies_heading')), body);
}

function accessEvents(ctx, events) {
  const body = events.length
    ? table({
      labelledBy: 'access-h', rowHeader: -1,
      columns: [ctx.t('chain.disclosures.when'), ctx.t('chain.disclosures.who'), ctx.t('chain.disclosures.what'),
        ctx.t('chain.disclosures.why')],
      rows: events.map((e) => [
        formatDateTime(e.at, ctx.lang),
        [ctx.t(`chain.disclosures.role.${e.role}`), e.school_name || e.company_name].filter(Boolean).join(', '),
        ctx.t(`chain.disclosures.action.${e.action}`),
        ctx.t(`chain.disclosures.purpose.${e.purpose}`),
      ]),
    })
    : h('p', {}, ctx.t('chain.disclosures.access_none'));
  return h('section', { class: 'card', 'aria-labelledby': 'access-h' },
    h('h2', { id: 'access-h' }, ctx.t('chain.disclosures.access_heading')), body);
}

export async function render(root, ctx) {
  await prepare();
  const draw = async (message) => {
    const [disclosures, overview, companies] = await Promise.all([
      ctx.api.get('/me/disclosures'), ctx.api.get('/me/handover-consents'), ctx.api.get('/me/consents')]);
    replace(root,
      h('h1', {}, ctx.t('chain.disclosures.title')),
      h('p', { class: 'lead' }, ctx.t('chain.disclosures.lead')),
      h('p', { role: 'status', class: 'chain-status-line' }, message || ''),
      transfers(ctx, disclosures.transfers),
      consents(ctx, overview, draw),
      companyConsents(ctx, companies),
      accessEvents(ctx, disclosures.access_events),
      await guardianSection(ctx, disclosures.guardian_link_uses, draw));
    if (message) announce(message);
  };
  await draw();
  screenReady(root, ctx.t('chain.disclosures.title'));
}
