// Receiving coordinator (Berufskolleg / Kommune): the cases handed over, overdue follow-ups.

import { formatDate, h, replace, screenReady } from '../ui.js';
import { fullName, prepare, statusBadge } from './cases-common.js';

function caseTable(ctx, cases) {
  if (!cases.length) return h('p', { class: 'notice notice--info', role: 'status' }, ctx.t('chain.cases.none'));
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'cases-caption' },
    h('table', { class: 'table' },
      h('caption', { id: 'cases-caption' }, ctx.t('chain.cases.caption')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, ctx.t('chain.cases.name')),
        h('th', { scope: 'col' }, ctx.t('chain.cases.status')),
        h('th', { scope: 'col' }, ctx.t('chain.cases.follow_up')),
        h('th', { scope: 'col', class: 'num' }, ctx.t('chain.cases.contacts')))),
      h('tbody', {}, cases.map((item) => h('tr', { class: item.overdue ? 'chain-overdue' : null },
        h('th', { scope: 'row' }, h('a', { href: `#/cases/${item.id}` }, fullName(item.identity))),
        h('td', {}, statusBadge(ctx, item.status)),
        h('td', {}, formatDate(item.follow_up_on, ctx.lang),
          item.overdue ? h('span', { class: 'badge badge--overdue' }, ctx.t('chain.cases.overdue')) : null),
        h('td', { class: 'num' }, String(item.contact_count)))))));
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
