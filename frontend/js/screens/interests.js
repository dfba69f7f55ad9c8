// Interests overview: start or resume the questionnaire, see earlier results.

import { getDraft, outboxItems } from '../drafts.js';
import { loadNamespace } from '../i18n.js';
import { ensureStylesheet, formatDate, h, notice, replace, screenReady } from '../ui.js';
import { isOffline } from '../api.js';
import { DRAFT_ANSWERS, DRAFT_PENDING } from './interests-common.js';

async function pendingUpload() {
  const pending = await getDraft(DRAFT_PENDING);
  if (!pending) return false;
  return (await outboxItems()).some((item) => item.idempotencyKey === pending.key);
}

async function loadProfiles(ctx) {
  try {
    return { profiles: await ctx.api.get('/me/interest-profiles'), offline: false };
  } catch (error) {
    if (isOffline(error)) return { profiles: null, offline: true };
    throw error;
  }
}

function history(ctx, profiles, offline) {
  if (offline) return notice('info', ctx.t('interests.offline_list'));
  if (!profiles.length) return h('p', {}, ctx.t('interests.history_none'));
  return h('ul', { class: 'list', id: 'profile-history' }, profiles.map((profile) => h('li', { class: 'list-item' },
    h('a', { href: `#/interests/results?id=${profile.id}` },
      ctx.t('interests.history_item', { date: formatDate(profile.created_at, ctx.lang), code: profile.code })))));
}

export async function render(root, ctx) {
  await Promise.all([loadNamespace('interests'), ensureStylesheet('/css/interests.css')]);
  const [{ profiles, offline }, draft, pending] = await Promise.all([
    loadProfiles(ctx), getDraft(DRAFT_ANSWERS), pendingUpload(),
  ]);
  const answered = draft ? Object.keys(draft.answers).length : 0;
  const startLabel = answered
    ? ctx.t('interests.resume', { done: answered, total: 60 })
    : ctx.t(profiles && profiles.length ? 'interests.retake' : 'interests.start');
  replace(root,
    h('h1', {}, ctx.t('interests.title')),
    h('p', { class: 'lead' }, ctx.t('interests.lead')),
    h('p', { class: 'notice notice--info' }, ctx.t('interests.not_diagnosis')),
    pending ? notice('info', ctx.t('interests.pending')) : null,
    h('div', { class: 'actions' },
      h('a', { href: '#/interests/questionnaire', class: 'button button--primary', id: 'start-questionnaire' },
        startLabel),
      profiles && profiles.length
        ? h('a', { href: `#/interests/results?id=${profiles[0].id}`, class: 'button button--secondary' },
          ctx.t('interests.latest'))
        : null),
    h('h2', {}, ctx.t('interests.history_heading')),
    history(ctx, profiles || [], offline));
  screenReady(root, ctx.t('interests.title'));
}
