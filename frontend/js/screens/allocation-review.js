// Coordinator: a round's figures, computing the draft, reviewing it, publishing it.
// The solver only drafts; a person reviews and publishes (no solely automated decision).

import {
  actionButton, announce, busy, errorText, figuresTable, h, notice, replace, screenReady, table,
} from '../ui.js';
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

function comparison(ctx, result) {
  const t = (key, params) => ctx.t(`allocation.review.${key}`, params);
  const cell = (row) => t('share', { count: row.count, share: percent(ctx, row.share) });
  const rows = result.optimal.by_rank.map((row, i) => [
    t('rank_row', { rank: row.rank }), cell(row), cell(result.fcfs.by_rank[i])]);
  const n = result.optimal.participants || 1;
  rows.push([t('unassigned'),
    t('share', { count: result.optimal.unassigned, share: percent(ctx, result.optimal.unassigned / n) }),
    t('share', { count: result.fcfs.unassigned, share: percent(ctx, result.fcfs.unassigned / n) })]);
  rows.push([t('mean_rank'), String(result.optimal.mean_rank ?? '–'), String(result.fcfs.mean_rank ?? '–')]);
  rows.push([t('satisfaction'), String(result.optimal.satisfaction), String(result.fcfs.satisfaction)]);
  return figuresTable('result-table', t('caption'), [t('row'), t('optimal'), t('fcfs')], rows);
}

function fieldTable(ctx, fields) {
  const t = (key) => ctx.t(`allocation.review.${key}`);
  return figuresTable('field-table', t('fields_caption'), [t('field'), t('demand'), t('field_seats')],
    fields.map((row) => [
      h('span', {}, row.berufsfeld, row.over_demanded ? h('span', { class: 'badge badge--warn' }, ` ${t('over')}`) : null),
      String(row.demand), String(row.seats)]));
}

function unassignedSection(ctx, rows) {
  const t = (key) => ctx.t(`allocation.review.${key}`);
  return h('section', { 'aria-labelledby': 'unassigned-heading' },
    h('h2', { id: 'unassigned-heading' }, t('unassigned_heading')),
    rows.length
      ? table({
        id: 'unassigned-table', labelledBy: 'unassigned-heading',
        columns: [t('pupil'), t('school'), t('class'), t('reason')],
        rows: rows.map((row) => [row.name, row.school, row.class_name, row.reason]),
      })
      : notice('success', t('unassigned_none')));
}

/** Kommune coordinators see counts per school only; each school's StuBO sees the names. */
function bySchoolSection(ctx, rows) {
  const t = (key) => ctx.t(`allocation.review.${key}`);
  return h('section', { 'aria-labelledby': 'by-school-heading' },
    h('h2', { id: 'by-school-heading' }, t('unassigned_heading')),
    rows.length
      ? [h('p', {}, t('by_school_lead')), table({
        id: 'by-school-table', labelledBy: 'by-school-heading',
        columns: [t('school'), { label: t('unplaced'), num: true }],
        rows: rows.map((row) => [row.school, String(row.unassigned)]),
      })]
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
  const failed = (error) => replace(status, notice('error', errorText(error, ctx.t('allocation.failed'))));
  const runButton = round.status === 'published' ? null : actionButton({
    label: t(round.status === 'drafted' ? 'rerun' : 'run'), kind: 'button--primary', id: 'run-round',
    disabled: !round.deadline_passed,
    onClick: async () => {
      try { await ctx.api.post(`/allocation-rounds/${id}/run`); await rerender(t('run_done')); } catch (error) { failed(error); }
    },
  });
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
    !detail.unassigned && detail.unassigned_by_school ? bySchoolSection(ctx, detail.unassigned_by_school) : null,
    publish);
  screenReady(root, round.name);
}
