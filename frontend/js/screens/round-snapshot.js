// An identification round as frozen at its cut-off. The StuBO: the school's list as it was,
// the changes since, and reporting the school's round as complete. The Kommune's coordination:
// per school when it completed the round and the counts as frozen and today (masked).

import {
  actionButton, announce, formatDate, formatDateTime, h, pupilName, replace, screenReady, table,
} from '../ui.js';
import { prepare } from './cases-common.js';

function count(ctx, value) {
  if (value === null || value === undefined) return '–';
  return value === 'masked' ? ctx.t('chain.snapshot.masked') : String(value);
}

function frozenLine(ctx, data) {
  if (!data.frozen) {
    return h('p', { class: 'notice notice--info', id: 'snapshot-open' },
      ctx.t('chain.snapshot.not_frozen', { date: formatDate(data.round.ends_on, ctx.lang) }));
  }
  return h('p', { id: 'snapshot-frozen' },
    ctx.t('chain.snapshot.frozen', { date: formatDateTime(data.frozen_at, ctx.lang) }));
}

function schoolTable(ctx, schools) {
  return table({
    id: 'snapshot-schools',
    caption: ctx.t('chain.snapshot.schools_caption'),
    columns: [ctx.t('chain.snapshot.school'), ctx.t('chain.snapshot.completed'),
      { label: ctx.t('chain.snapshot.leavers'), num: true }, { label: ctx.t('chain.snapshot.listed'), num: true },
      { label: ctx.t('chain.snapshot.listed_now'), num: true }],
    rows: schools.map((school) => [
      school.school_name,
      school.completed_at ? formatDate(school.completed_at, ctx.lang) : ctx.t('chain.snapshot.not_completed'),
      count(ctx, school.leavers), count(ctx, school.listed), count(ctx, school.listed_now),
    ]),
  });
}

function itemsTable(ctx, items) {
  if (!items.length) return h('p', {}, ctx.t('chain.snapshot.no_items'));
  return table({
    id: 'snapshot-items',
    caption: ctx.t('chain.snapshot.items_caption'),
    columns: [ctx.t('chain.handover.pupil'), ctx.t('chain.handover.class'), ctx.t('chain.handover.status'),
      ctx.t('chain.snapshot.declared_on')],
    rows: items.map((item) => [
      pupilName(item), item.class_name, ctx.t(`chain.anschluss_status.${item.status}`),
      item.declared_on ? formatDate(item.declared_on, ctx.lang) : ctx.t('chain.snapshot.no_answer'),
    ]),
  });
}

function changeText(ctx, change) {
  const status = (key) => ctx.t(`chain.anschluss_status.${key}`);
  if (change.change === 'added') return ctx.t('chain.snapshot.change_added', { now: status(change.status_now) });
  if (change.change === 'removed') return ctx.t('chain.snapshot.change_removed', { then: status(change.status_then) });
  return ctx.t('chain.snapshot.change_status', { then: status(change.status_then), now: status(change.status_now) });
}

function changesSection(ctx, changes) {
  return h('section', { class: 'card', 'aria-labelledby': 'snapshot-changes-h' },
    h('h2', { id: 'snapshot-changes-h' }, ctx.t('chain.snapshot.changes')),
    changes.length
      ? h('ul', { class: 'list', id: 'snapshot-changes' }, changes.map((change) => h('li', { class: 'list-item' },
        h('strong', {}, pupilName(change)), ` (${change.class_name}): `, changeText(ctx, change))))
      : h('p', {}, ctx.t('chain.snapshot.no_changes')));
}

function completion(ctx, data, reload) {
  const school = data.school;
  if (school.completed_at) {
    return h('p', { id: 'snapshot-completed' },
      ctx.t('chain.snapshot.completed_on', { date: formatDate(school.completed_at, ctx.lang) }));
  }
  return h('div', { class: 'actions' }, actionButton({
    label: ctx.t('chain.snapshot.complete'), kind: 'button--primary', id: 'snapshot-complete',
    onClick: async () => {
      await ctx.api.post(`/identification-rounds/${data.round.id}/completion`);
      await reload(ctx.t('chain.snapshot.completed_ok'));
    },
  }));
}

function schoolView(ctx, data, reload) {
  const school = data.school;
  return [
    h('section', { class: 'card', 'aria-labelledby': 'snapshot-complete-h' },
      h('h2', { id: 'snapshot-complete-h' }, ctx.t('chain.snapshot.completion')),
      h('p', {}, ctx.t('chain.snapshot.completion_lead')),
      completion(ctx, data, reload)),
    data.frozen ? h('section', { class: 'card', 'aria-labelledby': 'snapshot-items-h' },
      h('h2', { id: 'snapshot-items-h' }, ctx.t('chain.snapshot.items')),
      h('p', {}, ctx.t('chain.snapshot.counts', { leavers: school.leavers, listed: school.listed })),
      itemsTable(ctx, school.items)) : null,
    data.frozen ? changesSection(ctx, school.changes) : null,
  ];
}

export async function render(root, ctx) {
  await prepare();
  const title = ctx.t('chain.snapshot.title');
  const status = h('p', { role: 'status', class: 'chain-status-line' });
  const draw = async (message) => {
    const data = await ctx.api.get(`/identification-rounds/${ctx.params.id}/snapshot`);
    replace(root,
      h('h1', {}, title),
      h('p', { class: 'lead', id: 'snapshot-round' }, ctx.t('chain.handover.round_range', {
        name: data.round.name, from: formatDate(data.round.starts_on, ctx.lang), to: formatDate(data.round.ends_on, ctx.lang),
      })),
      frozenLine(ctx, data), status,
      data.school ? schoolView(ctx, data, draw)
        : h('section', { class: 'card', 'aria-labelledby': 'snapshot-schools-h' },
          h('h2', { id: 'snapshot-schools-h' }, ctx.t('chain.snapshot.schools')),
          h('p', {}, ctx.t('chain.snapshot.schools_lead')),
          schoolTable(ctx, data.schools)));
    if (message) {
      status.textContent = message;
      announce(message);
    }
  };
  await draw();
  screenReady(root, title);
}
