// Coordinator: write to the youth of a case — a template in the youth's language, by e-mail
// (when an e-mail address was handed over) or as a postal letter (PDF). Logged in the case.

import { GUARDIAN_LANGUAGES, LANGUAGE_NAMES, loadNamespace } from '../i18n.js';
import { announce, busy, errorText, formErrors, h, notice, replace, saveBlob, selectField } from '../ui.js';

const TEMPLATES = ['first_contact', 'reminder', 'appointment'];

function appointmentFields(ctx) {
  return h('fieldset', { class: 'case-message__appointment', id: 'message-appointment', hidden: true },
    h('legend', {}, ctx.t('casemsg.appointment')),
    h('div', { class: 'field' }, h('label', { for: 'message-day' }, ctx.t('casemsg.day')),
      h('input', { id: 'message-day', name: 'appointment_on', type: 'date' })),
    h('div', { class: 'field' }, h('label', { for: 'message-time' }, ctx.t('casemsg.time')),
      h('input', { id: 'message-time', name: 'appointment_at', type: 'time' })),
    h('div', { class: 'field' }, h('label', { for: 'message-place' }, ctx.t('casemsg.place')),
      h('input', { id: 'message-place', name: 'place', type: 'text', maxlength: 120 })));
}

function body(form) {
  const data = new FormData(form);
  const result = { template: String(data.get('template')) };
  if (data.get('language')) result.language = String(data.get('language'));
  if (result.template === 'appointment') {
    for (const name of ['appointment_on', 'appointment_at', 'place']) {
      if (data.get(name)) result[name] = String(data.get(name));
    }
  }
  return result;
}

export async function caseMessages(ctx, item, onSent) {
  await loadNamespace('casemsg');
  const status = h('div', { id: 'message-status' });
  const hasEmail = Boolean(item.contact && item.contact.email);
  const form = h('form', { class: 'form', id: 'case-message-form', novalidate: true },
    selectField({ id: 'message-template', name: 'template', label: ctx.t('casemsg.template_label'),
      options: TEMPLATES.map((code) => ({ value: code, label: ctx.t(`casemsg.template.${code}`) })) }),
    selectField({ id: 'message-language', name: 'language', label: ctx.t('casemsg.language'), value: '',
      options: [{ value: '', label: ctx.t('casemsg.language_own') },
        ...GUARDIAN_LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))] }),
    appointmentFields(ctx),
    h('p', { class: 'field-hint' }, ctx.t(hasEmail ? 'casemsg.hint_email' : 'casemsg.hint_letter')),
    h('div', { class: 'actions' },
      hasEmail ? h('button', { type: 'submit', class: 'button button--primary', id: 'send-message' }, ctx.t('casemsg.send')) : null,
      h('button', { type: 'button', class: 'button button--secondary', id: 'print-letter' }, ctx.t('casemsg.letter'))));
  const template = /** @type {HTMLSelectElement} */ (form.querySelector('#message-template'));
  template.addEventListener('change', () => {
    /** @type {HTMLFieldSetElement} */ (form.querySelector('#message-appointment')).hidden = template.value !== 'appointment';
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form.querySelector('#send-message'), async () => {
      try {
        const sent = await ctx.api.post(`/cases/${item.id}/messages`, body(form));
        const text = ctx.t('casemsg.sent', { language: LANGUAGE_NAMES[sent.language] });
        announce(text);
        await onSent(text);
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  const letter = /** @type {HTMLButtonElement} */ (form.querySelector('#print-letter'));
  letter.addEventListener('click', () => busy(letter, async () => {
    const query = new URLSearchParams(Object.entries(body(form))).toString();
    try {
      const blob = await ctx.api.download(`/cases/${item.id}/letter.pdf?${query}`);
      saveBlob(blob, `brief-fall-${item.id}.pdf`);
      await onSent(ctx.t('casemsg.letter_done'));
    } catch (error) {
      replace(status, notice('error', errorText(error)));
    }
  }));
  return h('section', { class: 'card', 'aria-labelledby': 'case-message-h' },
    h('h2', { id: 'case-message-h' }, ctx.t('casemsg.heading')),
    h('p', {}, ctx.t('casemsg.lead')), form, status);
}
