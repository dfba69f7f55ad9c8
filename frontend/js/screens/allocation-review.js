// Coordinator: a round's figures, computing the draft, reviewing it, publishing it.
// The solver only drafts; a person reviews and publishes (no solely automated decision).

import { announce, busy, h, notice, replace, screenReady } from '../ui.js';
import { backLink, roundFacts, statusBadge } from './allocation-common.js';

function percent(ctx, share) {
  return new Intl.NumberFormat(ctx.lang === 'en' ? 'en-GB' : 'de-DE', { style: 'percent', maximumFractionDigits: 1 })
    .format(share || 0);
}

function overview(ctx, figures) {
  const t = (key) => ctx.t(`allocation.review.${key}`);
  return h('section', { class: 'card', 'aria-labelledby': 'overview-heading' },
    h('h2', { id: 'overview-heading' }, t('overview')),
    h('dl', { class: 'meta', id: 'round-overview' },
      h('dt', {}, t('eligible_pupils')), h('dd', {}, String(figures.eligible_pupils)),
      h('dt', {}, t('ranked_pupils')), h('dd', {}, String(figures.ranked_pupils)),
      h('dt', {}, t('slots')), h('dd', {}, String(figures.slots)),
      h('dt', {}, t('seats')), h('dd', {}, String(figures.seats))));
}

function table(id, caption, head, rows) {
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': `${id}-caption` },
    h('table', { class: 'table', id },
      h('caption', { id: `${id}-caption` }, caption),
      h('thead', {}, h('tr', {}, head.map((label, i) => h('th', { scope: 'col', class: i ? 'num' : null }, label)))),
      h('tbody', {}, rows.map((cells) => h('tr', {},
        h('th', { scope: 'row' }, cells[0]), cells.slice(1).map((cell) => h('td', { class: 'num' }, cell)))))));
}

function comparison(ctx, result) {
  const t = (key, params) => ctx.t(`allocation.review.${key}`, params);
  const cell = (figures, row) => t('share', { count: row.count, share: percent(ctx, row.share) });
  const rows = result.optimal.by_rank.map((row, i) => [
    t('rank_row', { rank: row.rank }), cell(result.optimal, row), cell(result.fcfs, result.fcfs.by_rank[i])]);
  const n = result.optimal.participants || 1;
  rows.push([t('unassigned'),
    t('share', { count: result.optimal.unassigned, share: percent(ctx, result.optimal.unassigned / n) }),
    t('share', { count: result.fcfs.unassigned, share: percent(ctx, result.fcfs.unassigned / n) })]);
  rows.push([t('mean_rank'), String(result.optimal.mean_rank ?? '–'), String(result.fcfs.mean_rank ?? '–')]);
  rows.push([t('satisfaction'), String(result.optimal.satisfaction), String(result.fcfs.satisfaction)]);
  return table('result-table', t('caption'), [t('row'), t('optimal'), t('fcfs')], rows);
}

function fieldTable(ctx, fields) {
  const t = (key) => ctx.t(`allocation.review.${key}`);
  return table('field-table', t('fields_caption'), [t('field'), t('demand'), t('field_seats')],
    fields.map((row) => [
      h('span', {}, row.berufsfeld, row.over_demanded ? h('span', { class: 'badge badge--warn' }, ` ${t('over')}`) : null),
      String(row.demand), String(row.seats)]));
}

function unassignedSection(ctx, rows) {
  const t = (key) => ctx.t(`allocation.review.${key}`);
  return h('section', { 'aria-labelledby': 'unassigned-heading' },
    h('h2', { id: 'unassigned-heading' }, t('unassigned_heading')),
    rows.length
      ? h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'unassigned-heading' },
        h('table', { class: 'table', id: 'unassigned-table' },
          h('thead', {}, h('tr', {}, [t('pupil'), t('school'), t('class'), t('reason')].map((label) => h('th', { scope: 'col' }, label)))),
          h('tbody', {}, rows.map((row) => h('tr', {},
            h('th', { scope: 'row' }, row.name), h('td', {}, row.school), h('td', {}, row.class_name), h('td', {}, row.reason))))))
      : notice('success', t('unassigned_none')));
}

function publishForm(ctx, onPublish) {
  const t = (key) => ctx.t(`allocation.review.${key}`);
  const checkbox = h('input', { type: 'checkbox', id: 'publish-confirm', name: 'confirm', required: true });
  const error = h('div', {});
  const button = h('button', { type: 'submit', class: 'button button--primary', id: 'publish' }, t('publish'));
  const form = h('form', { class: 'form card', id: 'publish-form', novalidate: true },
    h('div', { class: 'check' }, checkbox, h('label', { for: 'publish-confirm' }, t('confirm'))), error,
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!checkbox.checked) {
      replace(error, notice('error', t('confirm_needed')));
      checkbox.focus();
      return;
    }
    busy(button, onPublish);
  });
  return form;
}

export async function render(root, ctx, message = null) {
  const id = Number(ctx.params.id);
  const detail = await ctx.api.get(`/allocation-rounds/${id}`);
  const { round, result } = detail;
  const t = (key, params) => ctx.t(`allocation.review.${key}`, params);
  const status = h('div', { id: 'review-status' }, message);
  const rerender = async (text) => {
    await render(root, ctx, notice('success', text));
    announce(text);
    root.querySelector('#review-status')?.setAttribute('tabindex', '-1');
    root.querySelector('#review-status')?.focus();
  };
  const failed = (error) => replace(status, notice('error', error.detail || ctx.t('allocation.failed')));
  let runButton = null;
  if (round.status !== 'published') {
    runButton = h('button', { type: 'button', class: 'button button--primary', id: 'run-round', disabled: !round.deadline_passed },
      t(round.status === 'drafted' ? 'rerun' : 'run'));
    runButton.addEventListener('click', () => busy(runButton, async () => {
      try { await ctx.api.post(`/allocation-rounds/${id}/run`); await rerender(t('run_done')); } catch (error) { failed(error); }
    }));
  }
  const publish = round.status === 'drafted' ? publishForm(ctx, async () => {
    try {
      const published = await ctx.api.post(`/allocation-rounds/${id}/publish`);
      await rerender(t('published', { booked: published.booked }));
    } catch (error) { failed(error); }
  }) : null;
  replace(root,
    backLink(ctx),
    h('h1', {}, round.name, ' ', statusBadge(ctx, round.status)),
    roundFacts(ctx, round),
    status,
    overview(ctx, detail.overview),
    runButton ? h('div', { class: 'actions' }, runButton) : null,
    runButton && !round.deadline_passed ? h('p', { class: 'field-hint' }, t('run_wait')) : null,
    result ? h('section', { 'aria-labelledby': 'result-heading' },
      h('h2', { id: 'result-heading' }, t(round.status === 'published' ? 'result_heading_published' : 'result_heading')),
      h('p', { class: 'subtle' }, t('seed_note', { seed: round.seed })),
      comparison(ctx, result), fieldTable(ctx, result.fields)) : null,
    detail.unassigned ? unassignedSection(ctx, detail.unassigned) : null,
    publish);
  screenReady(root, round.name);
}
