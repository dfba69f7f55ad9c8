// The result of one questionnaire run: chart, code in plain words, Berufsfelder, "Entdecke
// auch", occupations with a one-line "warum", comparison with the previous run, sharing.

import { loadNamespace } from '../i18n.js';
import { ensureStylesheet, formatDate, h, notice, replace, screenReady } from '../ui.js';
import { isOffline } from '../api.js';
import { scoreChart, scoreTable, typeList, typeName } from './interests-common.js';
import { shareControl } from './portfolio-share.js';

function codeSection(ctx, profile) {
  return h('section', { class: 'card', 'aria-labelledby': 'code-heading' },
    h('h2', { id: 'code-heading' }, ctx.t('interests.r.code_heading', { code: profile.code })),
    h('p', {}, ctx.t('interests.r.code_intro')),
    h('ol', { class: 'code-list' }, [...profile.code].map((letter) => h('li', {},
      h('strong', {}, `${letter} – ${typeName(ctx, letter)}: `), ctx.t(`interests.types.${letter}.text`)))),
    profile.ties.map((group) => h('p', { class: 'tie' }, ctx.t('interests.r.tie', { types: typeList(ctx, group) }))),
    profile.ties.length ? h('p', { class: 'subtle' }, ctx.t('interests.r.tie_note')) : null);
}

function reason(ctx, field) {
  return ctx.lang === 'en' ? field.reason_en : field.reason_de;
}

function fieldsSection(ctx, profile) {
  return h('section', { 'aria-labelledby': 'fields-heading' },
    h('h2', { id: 'fields-heading' }, ctx.t('interests.r.fields_heading')),
    h('ol', { class: 'list', id: 'berufsfelder' }, profile.berufsfelder.slice(0, 3).map((field) => h('li', { class: 'list-item' },
      h('h3', { class: 'list-item__title' }, fieldLink(field)),
      h('p', { class: 'subtle' }, ctx.t('interests.r.fields_score', { score: field.score })),
      h('p', {}, reason(ctx, field))))),
    h('h2', { id: 'explore-heading' }, ctx.t('interests.r.explore_heading')),
    h('p', {}, ctx.t('interests.r.explore_intro')),
    h('ul', { class: 'list', id: 'explore' }, profile.explore.map((field) => h('li', { class: 'list-item' },
      h('h3', { class: 'list-item__title' }, fieldLink(field)),
      h('p', { class: 'subtle' }, ctx.t('interests.r.explore_via', { type: typeName(ctx, field.via_type) })),
      h('p', {}, reason(ctx, field))))));
}

function jobsSection(ctx, profile) {
  return h('section', { 'aria-labelledby': 'jobs-heading' },
    h('h2', { id: 'jobs-heading' }, ctx.t('interests.r.jobs_heading')),
    h('p', {}, ctx.t('interests.r.jobs_intro')),
    h('ol', { class: 'jobs', id: 'occupations' }, profile.occupations.map((job) => h('li', { class: 'jobs__item' },
      h('a', { class: 'jobs__title', href: `#/occupations/${job.id}` }, job.title),
      h('span', { class: 'jobs__why' }, whyText(ctx, job)),
      job.description ? h('span', { class: 'jobs__what', lang: 'de' }, ctx.t('interests.r.jobs_what', { task: job.description })) : null))));
}

/** Why an occupation fits, worded by how many of the pupil's three strongest types it shares. */
function whyText(ctx, job) {
  const shared = job.shared_types || '';
  if (!shared) return ctx.t('interests.r.jobs_why_none');
  const types = typeList(ctx, shared);
  if (shared.length >= 3) return ctx.t('interests.r.jobs_why_all', { types });
  if (shared.length === 1) return ctx.t('interests.r.jobs_why_one', { types });
  return ctx.t('interests.r.jobs_why', { types });
}

function fieldLink(field) {
  return h('a', { href: `#/berufsfelder/${encodeURIComponent(field.kuerzel)}` }, field.text);
}

function comparisonSection(ctx, profile) {
  const { comparison } = profile;
  if (!comparison) return null;
  const changes = Object.entries(comparison.score_changes).filter(([, change]) => change !== 0);
  return h('section', { class: 'card', 'aria-labelledby': 'compare-heading' },
    h('h2', { id: 'compare-heading' }, ctx.t('interests.r.compare_heading')),
    h('p', {}, ctx.t('interests.r.compare_code', {
      date: formatDate(comparison.previous_created_at, ctx.lang), previous: comparison.previous_code, code: profile.code,
    })),
    h('ul', {}, changes.map(([letter, change]) => h('li', {},
      ctx.t('interests.r.compare_change', { type: typeName(ctx, letter), change: change > 0 ? `+${change}` : String(change) })))));
}

async function loadProfile(ctx) {
  const profiles = await ctx.api.get('/me/interest-profiles');
  if (!profiles.length) return null;
  return profiles.find((profile) => String(profile.id) === String(ctx.query.id)) || profiles[0];
}

function message(ctx, root, kind, key) {
  replace(root, h('h1', {}, ctx.t('interests.r.title')), notice(kind, ctx.t(key)),
    h('p', {}, h('a', { href: '#/interests' }, ctx.t('interests.q.to_overview'))));
  screenReady(root, ctx.t('interests.r.title'));
}

export async function render(root, ctx) {
  await Promise.all([loadNamespace('interests'), loadNamespace('portfolio'), ensureStylesheet('/css/interests.css')]);
  let profile;
  try {
    profile = await loadProfile(ctx);
  } catch (error) {
    if (isOffline(error)) { message(ctx, root, 'info', 'interests.r.offline'); return; }
    throw error;
  }
  if (!profile) { message(ctx, root, 'info', 'interests.r.none'); return; }
  const questionnaire = await ctx.api.get('/questionnaires/current').catch(() => null);
  replace(root,
    h('h1', {}, ctx.t('interests.r.title')),
    h('p', { class: 'subtle' }, ctx.t('interests.r.from', { date: formatDate(profile.created_at, ctx.lang) })),
    h('p', { class: 'notice notice--info' }, ctx.t('interests.not_diagnosis')),
    h('section', { class: 'card', 'aria-labelledby': 'chart-heading' },
      h('h2', { id: 'chart-heading' }, ctx.t('interests.r.chart_heading')),
      h('figure', { class: 'chart-figure', id: 'score-chart' }, scoreChart(ctx, profile.scores, `chart-${profile.id}`)),
      scoreTable(ctx, profile.scores)),
    codeSection(ctx, profile),
    fieldsSection(ctx, profile),
    jobsSection(ctx, profile),
    comparisonSection(ctx, profile),
    shareControl(ctx, { itemType: 'interest_profile', itemId: profile.id, shared: profile.shared, id: 'share-profile' }),
    h('div', { class: 'actions' },
      h('a', { href: '#/interests/questionnaire', class: 'button button--secondary' }, ctx.t('interests.retake'))),
    questionnaire ? h('section', { class: 'sources', 'aria-labelledby': 'sources-heading' },
      h('h2', { id: 'sources-heading' }, ctx.t('interests.r.sources')),
      h('p', { class: 'subtle' }, ctx.t('interests.licence', { attribution: questionnaire.attribution[ctx.lang] || questionnaire.attribution.de })),
      h('p', { class: 'subtle' }, questionnaire.occupation_attribution[ctx.lang] || questionnaire.occupation_attribution.de)) : null);
  screenReady(root, ctx.t('interests.r.title'));
}
