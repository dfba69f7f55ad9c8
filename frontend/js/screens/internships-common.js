// Shared bits of the internship screens: loading, labels, slot lines, status badges.

import { loadNamespace } from '../i18n.js';
import { ensureStylesheet, formatDate, h } from '../ui.js';

export const BERUFSFELDER = [
  'BAV', 'D', 'EL', 'G', 'GESGE', 'ITC', 'KKG', 'LANAUM', 'M', 'ME', 'N', 'PRFE', 'SP', 'TEC', 'VL', 'WIVE',
];
export const KINDS = ['bfe', 'praktikum', 'praxiskurs', 'langzeitpraktikum'];

export async function prepare() {
  await Promise.all([loadNamespace('internships'), ensureStylesheet('/css/internships.css')]);
}

export function fieldName(ctx, code) {
  return ctx.t(`internships.fields.${code}`);
}

export function kindName(ctx, kind) {
  return ctx.t(`internships.kinds.${kind}`);
}

export function statusBadge(ctx, status) {
  return h('span', { class: `badge booking-status booking-status--${status}` },
    ctx.t(`internships.status.${status}`));
}

/** 'HH:MM' of a time the API sends as 'HH:MM:SS'. */
export const time = (value) => (value || '').slice(0, 5);

export function slotLine(ctx, slot) {
  const start = formatDate(slot.starts_on, ctx.lang);
  const range = slot.ends_on !== slot.starts_on ? ` – ${formatDate(slot.ends_on, ctx.lang)}` : '';
  return `${start}${range}, ${time(slot.daily_start)}–${time(slot.daily_end)} ${ctx.t('internships.oclock')}`;
}

export function freeText(ctx, slot) {
  return slot.free > 0
    ? ctx.t('internships.free_places', { free: slot.free, capacity: slot.capacity })
    : ctx.t('internships.full');
}

export function progressBox(ctx, progress, headingId = 'bfe-progress-h') {
  const done = progress.days_done;
  return h('section', { class: 'card bfe-progress', 'aria-labelledby': headingId, id: 'bfe-progress' },
    h('h2', { id: headingId }, ctx.t('internships.progress.heading')),
    h('p', {}, ctx.t('internships.progress.rule')),
    h('progress', { max: String(progress.required_days), value: String(Math.min(done, progress.required_days)),
      'aria-labelledby': headingId }),
    h('p', { class: 'bfe-progress__text' }, ctx.t('internships.progress.done', {
      days: done, required: progress.required_days, fields: progress.fields_done.length,
      required_fields: progress.required_fields })),
    progress.days_planned ? h('p', { class: 'subtle' }, ctx.t('internships.progress.planned', { days: progress.days_planned })) : null,
    progress.complete ? h('p', { class: 'notice notice--success' }, ctx.t('internships.progress.complete')) : null);
}
