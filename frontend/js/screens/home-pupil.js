// The pupil's personal home: where they stand (progress of "Mein Weg", BFE days) and the next
// steps, from one call (GET /me/overview). Offline it shows the last copy kept on this device.

import { isOffline } from '../api.js';
import { getDraft, saveDraft } from '../drafts.js';
import { loadNamespace, plural } from '../i18n.js';
import { ensureStylesheet, formatDate, h, notice, replace, screenReady } from '../ui.js';

const SNAPSHOT = 'home:overview';

async function loadOverview(ctx) {
  try {
    const overview = await ctx.api.get('/me/overview');
    await saveDraft(SNAPSHOT, overview);
    return { overview, offline: false };
  } catch (error) {
    if (!isOffline(error)) throw error;
    return { overview: (await getDraft(SNAPSHOT)) || null, offline: true };
  }
}

function meter(id, label, value, max) {
  return h('div', { class: 'meter' },
    h('p', { class: 'meter__label', id: `${id}-label` }, label),
    h('progress', { id, max: String(Math.max(max, 1)), value: String(Math.min(value, max)),
      'aria-labelledby': `${id}-label` }));
}

function standing(ctx, overview) {
  const { steps, bfe, jahrgang } = overview;
  const parts = [];
  if (steps.total) {
    parts.push(meter('progress-steps', ctx.t(jahrgang ? 'home.progress.steps_grade' : 'home.progress.steps',
      { done: steps.done, total: steps.total, grade: jahrgang }), steps.done, steps.total));
  }
  if (bfe.relevant) {
    const label = plural(bfe.required_days, ['home.progress.bfe.one', 'home.progress.bfe.other'],
      { done: bfe.days_done });
    parts.push(meter('progress-bfe', label, bfe.days_done, bfe.required_days));
  }
  parts.push(h('p', { class: 'meter__label' }, ctx.t(overview.questionnaire.done
    ? 'home.progress.questionnaire_done' : 'home.progress.questionnaire_open')));
  return h('section', { class: 'standing', 'aria-labelledby': 'standing-heading' },
    h('h2', { id: 'standing-heading' }, ctx.t('home.standing')), ...parts);
}

function stepTitle(ctx, step) {
  return ctx.t(`portfolio.kinds.${step.step_kind}`, { n: step.sequence });
}

/** kind → [title, text, link] of a next step. */
const NEXT = {
  agreement_step: (ctx, s) => [
    s.due_on ? ctx.t('home.next.agreement_due', { date: formatDate(s.due_on, ctx.lang) })
      : ctx.t('home.next.agreement'),
    s.text, '/my-anschluss'],
  booking_pending: (ctx, s) => [
    plural(s.count, ['home.next.booking_pending.one', 'home.next.booking_pending.other']),
    ctx.t('home.next.booking_pending_text', { title: s.title }), '/bookings'],
  questionnaire: (ctx) => [ctx.t('home.next.questionnaire'), ctx.t('home.next.questionnaire_text'),
    '/interests/questionnaire'],
  bfe: (ctx, s) => [plural(s.total, ['home.next.bfe.one', 'home.next.bfe.other'], { done: s.count }),
    ctx.t('home.next.bfe_text'), '/offers'],
  booking_upcoming: (ctx, s) => [
    ctx.t('home.next.booking_upcoming', { date: formatDate(s.due_on, ctx.lang) }),
    ctx.t('home.next.booking_upcoming_text', { title: s.title, provider: s.provider_name }), '/bookings'],
  portfolio_step: (ctx, s) => [ctx.t('home.next.portfolio_step', { step: stepTitle(ctx, s) }),
    ctx.t('home.next.portfolio_step_text'), s.step_id ? `/portfolio/steps/${s.step_id}` : '/portfolio'],
};

function nextCard(ctx, step, index) {
  const [title, text, path] = NEXT[step.kind](ctx, step);
  const id = `next-${index}`;
  return h('li', { class: `next-card${step.overdue ? ' next-card--overdue' : ''}`, dataset: { kind: step.kind } },
    h('a', { href: `#${path}`, class: 'next-card__link', id, 'aria-describedby': `${id}-text` }, title),
    h('p', { class: 'next-card__text', id: `${id}-text` },
      step.overdue ? h('strong', {}, `${ctx.t('home.next.overdue')} · `) : null, text));
}

function nextSteps(ctx, overview) {
  const known = overview.next_steps.filter((step) => step.kind in NEXT);
  return h('section', { 'aria-labelledby': 'next-heading' },
    h('h2', { id: 'next-heading' }, ctx.t('home.next.heading')),
    known.length
      ? h('ol', { class: 'next-steps', id: 'next-steps' }, known.map((step, i) => nextCard(ctx, step, i)))
      : h('p', { id: 'next-steps-none' }, ctx.t('home.next.none')));
}

/** Renders the personal part of the pupil's home above `more` (the links to every area). */
export async function renderPupilHome(root, ctx, { heading, passkeyHint, more }) {
  await Promise.all([loadNamespace('home'), loadNamespace('portfolio'), ensureStylesheet('/css/home.css')]);
  const { overview, offline } = await loadOverview(ctx);
  replace(root,
    heading,
    offline ? notice('info', ctx.t(overview ? 'home.offline_copy' : 'home.offline_none')) : null,
    passkeyHint,
    overview ? nextSteps(ctx, overview) : null,
    overview ? standing(ctx, overview) : null,
    more);
  screenReady(root, ctx.t('app.home.title'));
}
