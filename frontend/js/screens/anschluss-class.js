// Teacher: one row per pupil — Anschluss status, missing KAoA steps, overdue steps, traffic light.

import { byName, h, pupilName, replace, screenReady, table } from '../ui.js';
import { lightBadge, optionLabel, prepare, reasonList, statusLabel, stepLabel } from './anschluss-common.js';

function row(ctx, catalog, item) {
  const missing = item.missing_steps === null ? ctx.t('anschluss.common.unknown')
    : (item.missing_steps.map((code) => stepLabel(catalog, code)).join(', ') || '—');
  // What a teacher acts on first: the light and its reasons, then the status.
  return [
    h('a', { href: `#/anschluss/pupils/${item.pupil_id}` }, pupilName(item)),
    lightBadge(ctx, item.traffic_light),
    reasonList(ctx, item.risk_reasons),
    statusLabel(ctx, item.status),
    optionLabel(catalog, item.option_code),
    missing,
    { content: String(item.overdue_steps), class: 'num' },
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
  const columns = [ctx.t('anschluss.common.name'), ctx.t('anschluss.common.light'), ctx.t('anschluss.common.reasons'),
    ctx.t('anschluss.common.status'), ctx.t('anschluss.common.option'), ctx.t('anschluss.common.missing'),
    ctx.t('anschluss.common.overdue'), ctx.t('anschluss.common.report')];
  // Back to where this role came from: the teacher's class overview, the StuBO's leaver list.
  const back = ctx.me.role === 'teacher' ? ['#/anschluss', 'anschluss.common.back_classes']
    : ctx.me.role === 'stubo' ? ['#/leavers', 'anschluss.common.back_leavers'] : ['#/classes', 'anschluss.common.back_classes'];
  replace(root,
    h('p', { class: 'breadcrumb' }, h('a', { href: back[0] }, ctx.t(back[1]))),
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('anschluss.class.lead')),
    table({
      id: 'anschluss-class-table', captionId: 'anschluss-class-caption', caption: ctx.t('anschluss.class.caption'),
      columns, rows: byName(rows).map((item) => row(ctx, catalog, item)),
    }));
  screenReady(root, title);
}
