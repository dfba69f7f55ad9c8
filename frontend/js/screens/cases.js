// Receiving coordinator (Berufskolleg / Kommune): the cases handed over, overdue follow-ups.

import { formatDate, h, personName, replace, screenReady, table } from '../ui.js';
import { prepare, statusBadge } from './cases-common.js';

function caseTable(ctx, cases) {
  if (!cases.length) return h('p', { class: 'notice notice--info', role: 'status' }, ctx.t('chain.cases.none'));
  return table({
    captionId: 'cases-caption',
    caption: ctx.t('chain.cases.caption'),
    columns: [ctx.t('chain.cases.name'), ctx.t('chain.cases.status'), ctx.t('chain.cases.follow_up'),
      { label: ctx.t('chain.cases.contacts'), num: true }],
    rows: cases.map((item) => ({
      class: item.overdue ? 'chain-overdue' : null,
      cells: [
        [h('a', { href: `#/cases/${item.id}` }, personName(item.identity)),
          item.kind === 'schulpflicht' ? h('span', { class: 'badge badge--overdue' }, ctx.t('chain.cases.schulpflicht')) : null],
        statusBadge(ctx, item.status),
        [formatDate(item.follow_up_on, ctx.lang),
          item.overdue ? h('span', { class: 'badge badge--overdue' }, ctx.t('chain.cases.overdue')) : null],
        String(item.contact_count),
      ],
    })),
  });
}

export async function render(root, ctx) {
  await prepare();
  const overdueOnly = ctx.query.overdue === 'true';
  const cases = await ctx.api.get(`/cases${overdueOnly ? '?overdue=true' : ''}`);
  const toggle = h('input', { type: 'checkbox', id: 'cases-overdue', checked: overdueOnly });
  toggle.addEventListener('change', () => ctx.navigate(toggle.checked ? '/cases?overdue=true' : '/cases'));
  const overdue = cases.filter((item) => item.overdue).length;
  replace(root,
    h('h1', {}, ctx.t('chain.cases.title')),
    h('p', { class: 'lead' }, ctx.t('chain.cases.lead')),
    h('div', { class: 'check' }, toggle, h('label', { for: 'cases-overdue' }, ctx.t('chain.cases.overdue_only'))),
    overdue && !overdueOnly
      ? h('p', { class: 'notice notice--info', role: 'status' }, ctx.t('chain.cases.overdue_count', { count: overdue }))
      : null,
    caseTable(ctx, cases));
  screenReady(root, ctx.t('chain.cases.title'));
}
