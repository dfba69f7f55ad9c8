// A teacher reads what one pupil chose to share: steps with reflections, interest results.

import { loadNamespace } from '../i18n.js';
import { ensureStylesheet, formatDate, h, personName, replace, screenReady } from '../ui.js';
import { stepTitle } from './portfolio-common.js';

function filesOf(ctx, pupilId, step) {
  const files = step.attachments || [];
  if (!files.length) return null;
  return h('ul', { class: 'shared-files', 'aria-label': ctx.t('portfolio.shared_items.files') }, files.map((file) => h('li', {},
    h('a', { href: `/api/v1/pupils/${pupilId}/attachments/${file.id}`, download: file.filename }, file.filename))));
}

function stepItem(ctx, step, pupilId) {
  return h('li', { class: 'list-item' },
    h('h3', { class: 'list-item__title' }, stepTitle(ctx, step)),
    h('p', {},
      h('span', { class: `badge status status--${step.status}` }, ctx.t(`portfolio.status.${step.status}`)),
      step.date ? ` ${formatDate(step.date, ctx.lang)}` : ''),
    step.provider ? h('p', {}, step.provider) : null,
    step.reflection ? h('blockquote', { class: 'reflection' }, step.reflection) : null,
    filesOf(ctx, pupilId, step));
}

function profileItem(ctx, profile) {
  return h('li', { class: 'list-item' },
    h('h3', { class: 'list-item__title' }, ctx.t('portfolio.shared_items.code', { code: profile.code })),
    h('p', { class: 'subtle' }, formatDate(profile.created_at, ctx.lang)),
    h('p', {}, Object.entries(profile.scores).map(([letter, value]) => `${letter} ${value}`).join(' · ')),
    h('p', {}, ctx.t('portfolio.shared_items.fields', {
      fields: profile.berufsfelder.map((field) => field.text).join(', '),
    })));
}

export async function render(root, ctx) {
  await Promise.all([loadNamespace('portfolio'), ensureStylesheet('/css/portfolio.css')]);
  const data = await ctx.api.get(`/pupils/${encodeURIComponent(ctx.params.pupil)}/shared-items`);
  const name = personName(data.pupil);
  const title = ctx.t('portfolio.shared_items.title', { name });
  replace(root,
    h('p', { class: 'breadcrumb' },
      h('a', { href: `#/progress/${encodeURIComponent(ctx.params.id)}` }, ctx.t('portfolio.shared_items.back'))),
    h('h1', {}, title),
    h('h2', {}, ctx.t('portfolio.shared_items.steps')),
    data.steps.length ? h('ul', { class: 'list', id: 'shared-steps' }, data.steps.map((step) => stepItem(ctx, step, data.pupil.id)))
      : h('p', {}, ctx.t('portfolio.shared_items.none')),
    h('h2', {}, ctx.t('portfolio.shared_items.profiles')),
    data.interest_profiles.length
      ? h('ul', { class: 'list' }, data.interest_profiles.map((profile) => profileItem(ctx, profile)))
      : h('p', {}, ctx.t('portfolio.shared_items.none')));
  screenReady(root, title);
}
