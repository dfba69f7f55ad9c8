// Shared by the screens of the transition through the summer: catalog, labels, flags.

import { loadNamespace } from '../i18n.js';
import { ensureStylesheet, formatDate, h } from '../ui.js';
import { prepare as prepareAnschluss } from './anschluss-common.js';

/** Load the transition and Anschluss catalogs and the reference lists once. */
export async function prepare(ctx) {
  const [catalog] = await Promise.all([
    prepareAnschluss(ctx), loadNamespace('transition'), ensureStylesheet('/css/transition.css'),
  ]);
  return catalog;
}

/** An option's official name (never its code). */
export function optionText(ctx, catalog, code) {
  if (!code) return ctx.t('transition.common.none');
  const option = catalog.options.find((item) => item.code === code);
  return option ? option.text : ctx.t('transition.common.unknown_option');
}

export function applicationStatus(ctx, status) {
  return status ? ctx.t(`transition.application_status.${status}`) : ctx.t('transition.common.none');
}

/** The Schulpflicht as words, with a flag badge (text, never colour alone) when obliged
 * without a place. */
export function dutyCell(ctx, duty, lang) {
  const text = ctx.t(`transition.duty.${duty.status}`, { until: formatDate(duty.until, lang) });
  return [text, duty.flagged ? h('span', { class: 'badge badge--flag' }, ctx.t('transition.duty.flag')) : null];
}

export function arrivalLabel(ctx, arrival) {
  return ctx.t(`transition.arrival.${arrival || 'open'}`);
}
