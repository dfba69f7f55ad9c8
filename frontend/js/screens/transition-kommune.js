// Kommune coordinator: no-shows at the Berufskollegs of the Kommune. Youths still obliged to
// attend school are named, with their Schulpflicht case; the others only counted per school.

import { formatDate, h, pupilName, replace, screenReady, table } from '../ui.js';
import { prepare } from './transition-common.js';

function who(ctx, alert) {
  if (!alert.case_id) return h('span', { class: 'subtle' }, ctx.t('transition.kommune.unnamed'));
  return h('a', { href: `#/cases/${alert.case_id}` }, pupilName(alert));
}

export async function render(root, ctx) {
  await prepare(ctx);
  const title = ctx.t('transition.kommune.title');
  if (!ctx.me.kommune_id) {
    replace(root, h('h1', {}, title), h('p', { class: 'notice notice--info' }, ctx.t('transition.kommune.no_kommune')));
    screenReady(root, title);
    return;
  }
  const alerts = await ctx.api.get(`/kommunen/${ctx.me.kommune_id}/transition-alerts`);
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('transition.kommune.lead')),
    alerts.length ? table({
      id: 'kommune-alerts',
      caption: ctx.t('transition.kommune.caption', { count: alerts.length }),
      columns: [ctx.t('transition.common.name'), ctx.t('transition.kommune.leaving_school'),
        ctx.t('transition.kommune.reported_by'), ctx.t('transition.kommune.date'), ctx.t('transition.duty.title')],
      rows: alerts.map((alert) => [
        who(ctx, alert), alert.school_name, alert.reported_by, formatDate(alert.created_at, ctx.lang),
        alert.schulpflichtig
          ? h('span', { class: 'badge badge--flag' }, ctx.t('transition.kommune.obliged'))
          : ctx.t('transition.kommune.not_obliged'),
      ]),
    }) : h('p', { class: 'notice notice--info' }, ctx.t('transition.kommune.none')));
  screenReady(root, title);
}
