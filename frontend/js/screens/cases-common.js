// Shared bits of the Verantwortungskette screens (cases, handover, disclosures).

import { loadNamespace } from '../i18n.js';
import { ensureStylesheet, h } from '../ui.js';

export async function prepare() {
  await Promise.all([loadNamespace('chain'), ensureStylesheet('/css/chain.css')]);
}

export function fullName(identity) {
  return [identity.first_name, identity.last_name].filter(Boolean).join(' ');
}

export function statusBadge(ctx, status) {
  const tone = status === 'vermittelt' || status === 'abgeschlossen' ? 'badge--ok'
    : status === 'widerrufen' ? 'badge--withdrawn' : '';
  return h('span', { class: ['badge', tone] }, ctx.t(`chain.status.${status}`));
}

/** A <select> with a visible label inside a .field. */
export function selectField({ id, name, label, options, value, hint, required }) {
  const hintId = hint ? `${id}-hint` : null;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    h('select', { id, name, required, 'aria-describedby': hintId },
      options.map(([optionValue, text]) => h('option',
        { value: optionValue, selected: optionValue === (value ?? '') }, text))));
}

export { todayIso } from '../clock.js';
