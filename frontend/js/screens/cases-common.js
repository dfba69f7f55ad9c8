// Shared bits of the Verantwortungskette screens (cases, handover, disclosures).

import { loadNamespace } from '../i18n.js';
import { ensureStylesheet, field, h, replace, selectField } from '../ui.js';

export async function prepare() {
  await Promise.all([loadNamespace('chain'), ensureStylesheet('/css/chain.css')]);
}

export function statusBadge(ctx, status) {
  const tone = status === 'vermittelt' || status === 'abgeschlossen' ? 'badge--ok'
    : status === 'widerrufen' ? 'badge--withdrawn' : '';
  return h('span', { class: ['badge', tone] }, ctx.t(`chain.status.${status}`));
}

/**
 * One select value per recipient: 'id:<recipient id>' for a configured organisation, else the
 * former target ('berufskolleg:<school id>' or 'kommune'), which the server turns into one.
 */
export function recipientKey(recipient) {
  if (recipient.recipient_id) return `id:${recipient.recipient_id}`;
  return recipient.recipient === 'berufskolleg' ? `berufskolleg:${recipient.recipient_school_id}` : 'kommune';
}

/** The request fields that name the recipient chosen by its recipientKey(). */
export function recipientFields(key) {
  const [recipient, id] = String(key).split(':');
  if (recipient === 'id') return { recipient_id: Number(id) };
  return id ? { recipient, recipient_school_id: Number(id) } : { recipient };
}

/** The versioned consent text: recipient, data categories and retention, in the reader's language. */
export function consentText(ctx, terms) {
  const categories = terms.categories.map((c) => ctx.t(`chain.fields.${c}`)).join(', ');
  return ctx.t(`chain.consent_text.${terms.text_version}`,
    { recipient: terms.recipient_name, categories, months: terms.retention_months });
}

/** Phone / e-mail the consent covers, the number, and the preferred channel. */
export function coverageFields(ctx, prefix, labels) {
  return [
    h('fieldset', { class: 'field' }, h('legend', {}, labels.covers),
      ['phone', 'email'].map((c) => h('label', { class: 'checkbox' },
        h('input', { type: 'checkbox', name: 'covers', value: c, id: `${prefix}-covers-${c}` }), ' ',
        ctx.t(`chain.fields.${c}`)))),
    field({ id: `${prefix}-phone`, name: 'phone', type: 'tel', label: labels.phone, autocomplete: 'off' }),
    selectField({ id: `${prefix}-preferred`, name: 'preferred_channel', label: labels.preferred,
      options: [{ value: '', label: ctx.t('chain.handover.preferred_none') },
        ...['phone', 'email', 'letter'].map((c) => ({ value: c, label: ctx.t(`chain.channel.${c}`) }))] }),
  ];
}

/** The request fields of coverageFields(). */
export function coverageBody(values) {
  return { covers: values.getAll('covers'), phone: values.get('phone') || null,
    preferred_channel: values.get('preferred_channel') || null };
}

/** The consent text for the chosen recipient, kept up to date as the choice changes. */
export function consentTextBox(ctx, form, recipients, id) {
  const box = h('div', { class: 'notice notice--info chain-consent-text', id, 'aria-live': 'polite' });
  const show = () => {
    const values = new FormData(form);
    const chosen = recipients.find((r) => recipientKey(r) === values.get('recipient'));
    if (!chosen) return;
    const covers = values.getAll('covers');
    const terms = { ...chosen.terms, categories: chosen.terms.categories
      .filter((c) => !['phone', 'email'].includes(c) || covers.includes(c)) };
    replace(box, h('p', {}, h('strong', {}, `${ctx.t('chain.consent_text.heading')}: `), consentText(ctx, terms)),
      h('p', { class: 'field-hint' }, ctx.t('chain.consent_text.version', { version: terms.text_version })));
  };
  form.addEventListener('change', show);
  queueMicrotask(show);
  return box;
}

export { todayIso } from '../clock.js';
