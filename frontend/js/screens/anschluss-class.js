// Teacher: one row per pupil — Anschluss status, missing KAoA steps, overdue steps, traffic light.

import { h, pupilName, replace, screenReady, table } from '../ui.js';
import { lightBadge, optionLabel, prepare, reasonList, statusLabel } from './anschluss-common.js';

function row(ctx, catalog, item) {
  const missing = item.missing_steps === null ? ctx.t('anschluss.common.unknown')
    : (item.missing_steps.join(', ') || '—');
  return [
    h('a', { href: `#/anschluss/pupils/${item.pupil_id}` }, pupilName(item)),
    lightBadge(ctx, item.traffic_light),
    statusLabel(ctx, item.status),
    optionLabel(catalog, item.option_code),
    missing,
    { content: String(item.overdue_steps), class: 'num' },
    reasonList(ctx, item.risk_reasons),
    item.pending_report ? ctx.t('anschluss.common.yes') : ctx.t('anschluss.common.no'),
  ];
}

export async function render(root, ctx) {
  const catalog = await prepare(ctx);
  const { id } = ctx.params;
  const [rows, classes] = await Promise.all([
    ctx.api.get(`/classes/${encodeURIComponent(id)}/anschluss`),
    ctx.me.school_id ? ctx.api.get(`/schools/${ctx.me.school_id}/classes`) : Promise.resolve([]),
  ]);
  const schoolClass = classes.find((item) => String(item.id) === String(id));
  const title = ctx.t('anschluss.class.title', { name: schoolClass ? schoolClass.name : id });
  const columns = [ctx.t('anschluss.common.name'), ctx.t('anschluss.common.light'), ctx.t('anschluss.common.status'),
    ctx.t('anschluss.common.option'), ctx.t('anschluss.common.missing'), ctx.t('anschluss.common.overdue'),
    ctx.t('anschluss.common.reasons'), ctx.t('anschluss.common.report')];
  replace(root,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/anschluss' }, ctx.t('anschluss.common.back_classes'))),
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('anschluss.class.lead')),
    table({
      id: 'anschluss-class-table', captionId: 'anschluss-class-caption', caption: ctx.t('anschluss.class.caption'),
      columns, rows: rows.map((item) => row(ctx, catalog, item)),
    }));
  screenReady(root, title);
}
