// Teachers and StuBO: the class progress matrix (pupils × KAoA steps) – statuses only.

import { loadNamespace } from '../i18n.js';
import { byName, ensureStylesheet, h, notice, pupilName, replace, screenReady, table } from '../ui.js';
import { stepTitle } from './portfolio-common.js';

async function classList(root, ctx) {
  const title = ctx.t('portfolio.progress.title');
  const classes = ctx.me.school_id ? await ctx.api.get(`/schools/${ctx.me.school_id}/classes`) : [];
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('portfolio.progress.lead')),
    h('h2', {}, ctx.t('portfolio.progress.choose_class')),
    classes.length
      ? h('ul', { class: 'list', id: 'progress-classes' }, classes.map((item) => h('li', { class: 'list-item' },
        h('a', { href: `#/progress/${item.id}` }, `${item.name} (${item.school_year})`))))
      : h('p', {}, ctx.t('portfolio.progress.no_classes')));
  screenReady(root, title);
}

function sharedCell(ctx, data, pupil) {
  if (!pupil.shared_count) return { content: '0', class: 'num' };
  if (ctx.me.role !== 'teacher') return { content: String(pupil.shared_count), class: 'num' };
  return h('a', {
    href: `#/progress/${data.class_id}/pupils/${pupil.id}`,
    'aria-label': ctx.t('portfolio.progress.shared_link_label', { name: pupilName(pupil), count: pupil.shared_count }),
  }, ctx.t('portfolio.progress.shared_link', { count: pupil.shared_count }));
}

// A column: the step's plain title; optional offers and steps due from an earlier Jahrgang
// say so. Staff see the official SBO title on hover.
function columnLabel(ctx, data, step) {
  const title = stepTitle(ctx, step);
  if (step.jahrgang !== data.jahrgang) return ctx.t('portfolio.progress.earlier_col', { title, jahrgang: step.jahrgang });
  return step.mandatory ? title : ctx.t('portfolio.progress.optional_col', { title });
}

function statusCell(ctx, status) {
  if (status === null) {
    return { class: 'cell cell--none', content: h('span', { class: 'subtle', title: ctx.t('portfolio.progress.not_in_plan') }, '–',
      h('span', { class: 'visually-hidden' }, ctx.t('portfolio.progress.not_in_plan'))) };
  }
  return { class: `cell cell--${status}`,
    content: h('span', { class: `status status--${status}` }, ctx.t(`portfolio.status.${status}`)) };
}

/** Column labels, numbered where two steps would read the same ("Berufsfelderkundung 1", "… 2"). */
function columnLabels(ctx, data) {
  const labels = data.steps.map((step) => columnLabel(ctx, data, step));
  const counts = new Map();
  labels.forEach((label) => counts.set(label, (counts.get(label) || 0) + 1));
  const seen = new Map();
  return labels.map((label) => {
    if (counts.get(label) === 1) return label;
    seen.set(label, (seen.get(label) || 0) + 1);
    return `${label} ${seen.get(label)}`;
  });
}

function matrix(ctx, data) {
  const labels = columnLabels(ctx, data);
  return table({
    id: 'progress-matrix', class: 'progress-matrix', captionId: 'progress-caption',
    caption: ctx.t('portfolio.progress.caption', { name: data.class_name, jahrgang: data.jahrgang }),
    columns: [ctx.t('portfolio.progress.name'), ctx.t('portfolio.progress.mandatory_col'),
      ...data.steps.map((step, i) => ({ label: labels[i], title: step.official_text })),
      ctx.t('portfolio.progress.shared')],
    rows: byName(data.pupils).map((pupil) => [
      h('a', { href: `#/pupils/${pupil.id}/kaoa`, 'aria-label': ctx.t('portfolio.progress.kaoa_link', { name: pupilName(pupil) }) }, pupilName(pupil)),
      { class: 'num', content: ctx.t('portfolio.progress.mandatory_cell', { met: pupil.mandatory_met, due: pupil.mandatory_due }) },
      ...pupil.statuses.map((status) => statusCell(ctx, status)),
      sharedCell(ctx, data, pupil),
    ]),
    foot: [ctx.t('portfolio.progress.totals'), '',
      ...data.totals.map((total) => ({ content: ctx.t('portfolio.progress.total_cell', total), class: 'total' })), ''],
  });
}

async function classMatrix(root, ctx) {
  const data = await ctx.api.get(`/classes/${encodeURIComponent(ctx.params.id)}/progress`);
  const title = ctx.t('portfolio.progress.class_title', { name: data.class_name });
  let body;
  if (!data.steps.length) body = notice('info', ctx.t('portfolio.progress.no_steps'));
  else if (!data.pupils.length) body = notice('info', ctx.t('portfolio.progress.no_pupils'));
  else body = matrix(ctx, data);
  replace(root,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/progress' }, ctx.t('portfolio.progress.back'))),
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('portfolio.progress.lead')),
    body,
    h('p', { class: 'subtle' }, ctx.t('portfolio.progress.audit_note')));
  screenReady(root, title);
}

export async function render(root, ctx) {
  await Promise.all([loadNamespace('portfolio'), ensureStylesheet('/css/portfolio.css')]);
  if (ctx.params.id) await classMatrix(root, ctx);
  else await classList(root, ctx);
}
