// The Anschlussvereinbarung form: prefilled from the latest version; saving makes a new version.

import { busy, clearErrors, field, formErrors, h, selectField } from '../ui.js';
import { optionChoices } from './anschluss-common.js';

const STUFEN = ['9.2', '10', 'EF', 'Q1', 'Q2', 'BK', '8', '9.1'];
const OWNERS = ['pupil', 'teacher', 'parents', 'other'];
const STEP_ROWS = 3;

function stepFields(ctx, n, step = {}) {
  const i = n - 1;
  return h('fieldset', { class: 'fieldset step-row' },
    h('legend', {}, ctx.t('anschluss.form.step', { n })),
    field({ label: ctx.t('anschluss.form.step', { n }), name: `next_steps.${i}.description`, id: `step-${n}-description`, value: step.description || '', maxlength: 300 }),
    field({ label: ctx.t('anschluss.form.step_due', { n }), name: `next_steps.${i}.due_on`, id: `step-${n}-due`, type: 'date', value: step.due_on || '' }),
    selectField({
      id: `step-${n}-owner`, name: `next_steps.${i}.owner`, label: ctx.t('anschluss.form.step_owner', { n }),
      options: OWNERS.map((owner) => ({ value: owner, label: ctx.t(`anschluss.owner.${owner}`) })), value: step.owner || 'pupil',
    }),
    h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: `step-${n}-done`, name: `next_steps.${i}.done`, checked: Boolean(step.done) }),
      h('label', { for: `step-${n}-done` }, ctx.t('anschluss.form.step_done', { n }))));
}

function berufsfelderFieldset(ctx, catalog, chosen) {
  return h('fieldset', { class: 'fieldset' },
    h('legend', {}, ctx.t('anschluss.form.berufsfelder')),
    h('div', { class: 'check-list berufsfelder' }, catalog.berufsfelder.map((entry) => h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: `bf-${entry.code}`, name: 'berufsfelder', value: entry.code, checked: chosen.includes(entry.code) }),
      h('label', { for: `bf-${entry.code}` }, entry.text)))));
}

function collect(form) {
  const data = new FormData(form);
  const text = (name) => String(data.get(name) || '').trim();
  const steps = [];
  for (let i = 0; i < STEP_ROWS; i += 1) {
    const description = text(`next_steps.${i}.description`);
    if (!description) continue;
    steps.push({
      description, owner: text(`next_steps.${i}.owner`), due_on: text(`next_steps.${i}.due_on`) || null,
      done: data.get(`next_steps.${i}.done`) === 'on',
    });
  }
  const alternative = { option_code: text('alternatives.0.option_code') || null, text: text('alternatives.0.text') };
  const contact = {
    name: text('contacts.0.name'), organisation: text('contacts.0.organisation'),
    phone: text('contacts.0.phone'), email: text('contacts.0.email'),
  };
  return {
    stufe: text('stufe'),
    wish_option: text('wish_option') || null,
    wish_text: text('wish_text'),
    alternatives: alternative.option_code || alternative.text ? [alternative] : [],
    berufsfelder: data.getAll('berufsfelder').map(String),
    next_steps: steps,
    contacts: contact.name ? [contact] : [],
  };
}

export function agreementForm(ctx, catalog, latest, onSaved) {
  const base = latest || {};
  const alternative = (base.alternatives || [])[0] || {};
  const contact = (base.contacts || [])[0] || {};
  const steps = base.next_steps || [];
  const form = h('form', { class: 'form', id: 'agreement-form', novalidate: true },
    selectField({
      id: 'agreement-stufe', name: 'stufe', label: ctx.t('anschluss.form.stufe'), required: true,
      options: STUFEN.map((stufe) => ({ value: stufe, label: stufe })), value: base.stufe || '10',
    }),
    selectField({
      id: 'agreement-wish-option', name: 'wish_option', label: ctx.t('anschluss.form.wish_option'),
      options: optionChoices(ctx, catalog, null), value: base.wish_option,
    }),
    field({ label: ctx.t('anschluss.form.wish_text'), name: 'wish_text', id: 'agreement-wish-text', value: base.wish_text || '', maxlength: 200 }),
    selectField({
      id: 'agreement-alt-option', name: 'alternatives.0.option_code', label: ctx.t('anschluss.form.alternative', { n: 1 }),
      options: optionChoices(ctx, catalog, null), value: alternative.option_code,
    }),
    field({ label: ctx.t('anschluss.form.alternative_text', { n: 1 }), name: 'alternatives.0.text', id: 'agreement-alt-text', value: alternative.text || '', maxlength: 200 }),
    berufsfelderFieldset(ctx, catalog, base.berufsfelder || []),
    h('h3', {}, ctx.t('anschluss.form.steps')),
    Array.from({ length: STEP_ROWS }, (_, i) => stepFields(ctx, i + 1, steps[i])),
    h('fieldset', { class: 'fieldset' },
      h('legend', {}, ctx.t('anschluss.form.contacts')),
      field({ label: ctx.t('anschluss.form.contact_name'), name: 'contacts.0.name', id: 'contact-name', value: contact.name || '', maxlength: 120 }),
      field({ label: ctx.t('anschluss.form.contact_org'), name: 'contacts.0.organisation', id: 'contact-org', value: contact.organisation || '', maxlength: 160 }),
      field({ label: ctx.t('anschluss.form.contact_phone'), name: 'contacts.0.phone', id: 'contact-phone', type: 'tel', value: contact.phone || '', maxlength: 40 }),
      field({ label: ctx.t('anschluss.form.contact_email'), name: 'contacts.0.email', id: 'contact-email', type: 'email', value: contact.email || '', maxlength: 255 })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('anschluss.form.save_agreement'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        const saved = await ctx.api.post(`/pupils/${encodeURIComponent(ctx.params.id)}/anschlussvereinbarungen`, collect(form));
        await onSaved(saved);
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return form;
}
