// Kommune coordinator: aggregates of all schools — no personal data; small counts and those
// that would let one recompute a small count arrive as "masked" and show as "gesperrt".

import { figuresTable, h, replace, screenReady } from '../ui.js';
import { barChart } from '../ui-charts.js';
import {
  certificateLabel, optionLabel, prepare, share, statusChart, trendChart,
} from './anschluss-common.js';

/** A published count, or the word for a suppressed one. */
function count(ctx, value) {
  return value === 'masked' ? ctx.t('anschluss.kommune.masked') : String(value);
}

function crosstab(ctx, catalog, table) {
  const none = ctx.t('anschluss.kommune.none');
  const optionName = (code) => (code ? optionLabel(catalog, code) : none);
  return figuresTable('kommune-certificates', ctx.t('anschluss.kommune.by_certificate'),
    [ctx.t('anschluss.kommune.certificate'), ...table.options.map((o) => optionName(o.option_code)), ctx.t('anschluss.kommune.all')],
    [...table.rows.map((row) => [row.certificate ? certificateLabel(catalog, row.certificate) : none,
      ...row.cells.map((cell) => count(ctx, cell.count)), count(ctx, row.count)]),
    [ctx.t('anschluss.kommune.all'), ...table.options.map((o) => count(ctx, o.count)), '']]);
}

export async function render(root, ctx) {
  const catalog = await prepare(ctx);
  const title = ctx.t('anschluss.kommune.title');
  if (!ctx.me.kommune_id) {
    replace(root, h('h1', {}, title), h('p', { class: 'notice notice--info' }, ctx.t('anschluss.kommune.no_kommune')));
    screenReady(root, title);
    return;
  }
  const data = await ctx.api.get(`/kommunen/${ctx.me.kommune_id}/summary`);
  const pairHeaders = [ctx.t('anschluss.leavers.total'), ctx.t('anschluss.leavers.secured'),
    ctx.t('anschluss.leavers.without'), ctx.t('anschluss.leavers.share')];
  const pair = (item) => [count(ctx, item.leavers), count(ctx, item.secured), count(ctx, item.without_anschluss),
    share(item.secured_share)];
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('anschluss.kommune.lead')),
    h('section', { class: 'card', 'aria-labelledby': 'kommune-figures-h' },
      h('h2', { id: 'kommune-figures-h' }, ctx.t('anschluss.leavers.summary')),
      h('dl', { class: 'meta figures', id: 'kommune-figures' },
        h('dt', {}, ctx.t('anschluss.kommune.schools')), h('dd', {}, String(data.schools)),
        ...pairHeaders.flatMap((label, i) => [h('dt', {}, label), h('dd', {}, String(pair(data)[i]))]))),
    figuresTable('kommune-schools', ctx.t('anschluss.kommune.by_school'),
      [ctx.t('anschluss.kommune.school'), ...pairHeaders], data.by_school.map((item) => [item.school_name, ...pair(item)])),
    h('section', { class: 'card charts', 'aria-labelledby': 'kommune-charts-h' },
      h('h2', { id: 'kommune-charts-h' }, ctx.t('anschluss.kommune.distribution')),
      statusChart(ctx, 'kommune-status', data.by_status, (value) => count(ctx, value)),
      barChart({
        id: 'kommune-options', title: ctx.t('anschluss.kommune.by_option'), valueLabel: ctx.t('anschluss.leavers.total'),
        rows: Object.entries(data.by_option).map(([code, value]) => ({
          label: optionLabel(catalog, code), value: Number(value) || 0, text: count(ctx, value),
        })),
      }),
      trendChart(ctx, 'kommune-trend', data.trend, (value) => count(ctx, value))),
    crosstab(ctx, catalog, data.certificate_by_option));
  screenReady(root, title);
}
