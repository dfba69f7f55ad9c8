// Shared bits of the allocation screens: loading, round facts, slot descriptions.

import { loadNamespace } from '../i18n.js';
import { ensureStylesheet, formatDate, formatDateTime, h } from '../ui.js';

export async function prepare() {
  await Promise.all([loadNamespace('allocation'), ensureStylesheet('/css/allocation.css')]);
}

export function statusBadge(ctx, status) {
  return h('span', { class: `badge round-status round-status--${status}` },
    ctx.t(`allocation.status.${status}`));
}

export function roundFacts(ctx, round) {
  return h('dl', { class: 'meta round-facts' },
    h('dt', {}, ctx.t('allocation.scope')), h('dd', {}, round.scope_name),
    h('dt', {}, ctx.t('allocation.period')),
    h('dd', {}, `${formatDate(round.period_start, ctx.lang)} – ${formatDate(round.period_end, ctx.lang)}`),
    h('dt', {}, ctx.t('allocation.deadline')), h('dd', {}, formatDateTime(round.preference_deadline, ctx.lang)),
    h('dt', {}, ctx.t('allocation.seed')), h('dd', {}, String(round.seed)));
}

export function slotLine(ctx, slot) {
  const date = formatDate(slot.starts_on, ctx.lang);
  const range = slot.ends_on !== slot.starts_on ? ` – ${formatDate(slot.ends_on, ctx.lang)}` : '';
  return `${date}${range}, ${slot.daily_start}–${slot.daily_end} · ${slot.provider_name}, ${slot.postcode} ${slot.city}`;
}

export function backLink(ctx) {
  return h('p', { class: 'breadcrumb' }, h('a', { href: '#/allocation' }, ctx.t('allocation.back')));
}
