// Shared bits of the Verantwortungskette screens (cases, handover, disclosures).

import { loadNamespace } from '../i18n.js';
import { ensureStylesheet, h } from '../ui.js';

export async function prepare() {
  await Promise.all([loadNamespace('chain'), ensureStylesheet('/css/chain.css')]);
}

export function statusBadge(ctx, status) {
  const tone = status === 'vermittelt' || status === 'abgeschlossen' ? 'badge--ok'
    : status === 'widerrufen' ? 'badge--withdrawn' : '';
  return h('span', { class: ['badge', tone] }, ctx.t(`chain.status.${status}`));
}

/** One select value per receiving body: 'berufskolleg:<school id>' or 'kommune'. */
export function recipientKey(recipient) {
  return recipient.recipient === 'berufskolleg' ? `berufskolleg:${recipient.recipient_school_id}` : 'kommune';
}

/** The request fields that name the recipient chosen by its recipientKey(). */
export function recipientFields(key) {
  const [recipient, schoolId] = String(key).split(':');
  return schoolId ? { recipient, recipient_school_id: Number(schoolId) } : { recipient };
}

export { todayIso } from '../clock.js';
