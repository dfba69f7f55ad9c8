// Teacher: one row per pupil — Anschluss status, missing KAoA steps, overdue steps, traffic light.

import { h, replace, screenReady } from '../ui.js';
import { lightBadge, optionLabel, prepare, pupilName, reasonList, statusLabel } from './anschluss-common.js';

function row(ctx, catalog, item) {
  const missing = item.missing_steps === null ? ctx.t('anschluss.common.unknown')
    : (item.missing_steps.join(', ') || '—');
  return h('tr', {},
    h('th', { scope: 'row' }, h('a', { href: `#/anschluss/pupils/${item.pupil_id}` }, pupilName(item))),
    h('td', {}, lightBadge(ctx, item.traffic_light)),
    h('td', {}, statusLabel(ctx, item.status)),
    h('td', {}, optionLabel(catalog, item.option_code)),
    h('td', {}, missing),
    h('td', { class: 'num' }, String(item.overdue_steps)),
    h('td', {}, reasonList(ctx, item.risk_reasons)),
    h('td', {}, item.pending_report ? ctx.t('anschluss.common.yes') : ctx.t('anschluss.common.no')));
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
  const columns = ['name', 'light', 'status', 'option', 'missing', 'overdue', 'reasons', 'report'];
  replace(root,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/anschluss' }, ctx.t('anschluss.common.back_classes'))),
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('anschluss.class.lead')),
    h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'anschluss-class-caption' },
      h('table', { class: 'table', id: 'anschluss-class-table' },
        h('caption', { id: 'anschluss-class-caption' }, ctx.t('anschluss.class.caption')),
        h('thead', {}, h('tr', {}, columns.map((key) => h('th', { scope: 'col' }, ctx.t(`anschluss.common.${key}`))))),
        h('tbody', {}, rows.map((item) => row(ctx, catalog, item))))));
  screenReady(root, title);
}
