// "Mein Weg": the pupil's KAoA steps with status, date and whether they are shared; export.

import { isOffline } from '../api.js';
import { getDraft, saveDraft } from '../drafts.js';
import { loadNamespace } from '../i18n.js';
import { ensureStylesheet, formatDate, h, notice, replace, screenReady } from '../ui.js';
import { loadPortfolio, pendingStepIds, stepTitle } from './portfolio-common.js';

// A confirmed or attended booking (BFE day, Praktikum) shown on its step, with the
// Teilnahmebescheinigung once attendance is confirmed.
function bookingInfo(ctx, booking, label) {
  const when = booking.ends_on && booking.ends_on !== booking.starts_on
    ? ctx.t('portfolio.booking.period', {
      from: formatDate(booking.starts_on, ctx.lang), until: formatDate(booking.ends_on, ctx.lang),
    })
    : formatDate(booking.starts_on, ctx.lang);
  return h('div', { class: 'step__booking', dataset: { bookingId: String(booking.id) } },
    h('p', {},
      h('span', { class: ['badge', booking.status === 'attended' ? 'badge--ok' : ''] },
        ctx.t(`portfolio.booking.${booking.status}`)),
      ' ', booking.offer_title),
    h('p', { class: 'subtle' }, [when, booking.provider_name,
      booking.berufsfeld ? ctx.t(`portfolio.berufsfelder.${booking.berufsfeld}`) : null].filter(Boolean).join(' · ')),
    booking.certificate_url
      ? h('a', {
        href: booking.certificate_url, class: 'button button--secondary step__certificate', download: '',
        'aria-label': ctx.t('portfolio.booking.certificate_label', { title: label }),
      }, ctx.t('portfolio.booking.certificate'))
      : null);
}

function otherBookings(ctx, bookings) {
  const others = (bookings || []).filter((booking) => !booking.step_id);
  if (!others.length) return null;
  return h('section', { 'aria-labelledby': 'other-bookings-heading', id: 'other-bookings' },
    h('h2', { id: 'other-bookings-heading' }, ctx.t('portfolio.booking.other_heading')),
    h('p', {}, ctx.t('portfolio.booking.other_text')),
    h('ul', { class: 'list' }, others.map((booking) => h('li', { class: 'list-item' },
      bookingInfo(ctx, booking, booking.offer_title)))));
}

function stepCard(ctx, step, pending) {
  const title = stepTitle(ctx, step);
  const headingId = `step-${step.id}-title`;
  return h('li', { class: 'list-item step', dataset: { stepId: String(step.id), status: step.status } },
    h('h3', { class: 'list-item__title', id: headingId }, title),
    h('p', { class: 'subtle step__official' }, `${step.sbo_kuerzel} · ${step.official_text}`),
    h('p', { class: 'step__meta' },
      h('span', { class: ['badge', 'step__kind', step.mandatory ? 'badge--ok' : ''] },
        ctx.t(step.mandatory ? 'portfolio.mandatory' : 'portfolio.optional')),
      ' ',
      h('span', { class: `badge status status--${step.status}` }, ctx.t(`portfolio.status.${step.status}`)),
      ' ',
      h('span', {}, step.date ? formatDate(step.date, ctx.lang) : ctx.t('portfolio.no_date')),
      step.shared ? h('span', { class: 'badge badge--ok step__shared' }, ctx.t('portfolio.shared_badge')) : null),
    step.provider ? h('p', { class: 'step__provider' }, step.provider) : null,
    step.status === 'not_taken' && step.not_taken_reason
      ? h('p', { class: 'step__not-taken' }, ctx.t('portfolio.not_taken_reason', { reason: step.not_taken_reason })) : null,
    step.booking ? bookingInfo(ctx, step.booking, title) : null,
    pending.has(step.id) ? h('p', { class: 'subtle' }, ctx.t('portfolio.pending')) : null,
    h('a', {
      href: `#/portfolio/steps/${step.id}`, class: 'button button--secondary',
      'aria-label': ctx.t('portfolio.edit_label', { title }),
    }, ctx.t('portfolio.edit')));
}

function progressSummary(ctx, progress) {
  if (!progress || !progress.mandatory_due) return null;
  return h('section', { class: 'card', id: 'kaoa-progress', 'aria-label': ctx.t('portfolio.progress_summary', { met: progress.mandatory_met, due: progress.mandatory_due }) },
    h('p', {}, h('strong', {}, ctx.t('portfolio.progress_summary', { met: progress.mandatory_met, due: progress.mandatory_due }))),
    h('progress', { max: String(progress.mandatory_due), value: String(progress.mandatory_met), 'aria-hidden': 'true' }));
}

function exportSection(ctx) {
  const lang = ctx.lang === 'en' ? 'en' : 'de';
  return h('section', { class: 'card', 'aria-labelledby': 'export-heading' },
    h('h2', { id: 'export-heading' }, ctx.t('portfolio.export.heading')),
    h('p', {}, ctx.t('portfolio.export.text')),
    h('div', { class: 'actions' },
      h('a', { href: `/api/v1/me/export.pdf?lang=${lang}`, class: 'button button--primary', id: 'export-pdf', download: '' },
        ctx.t('portfolio.export.pdf')),
      h('a', { href: '/api/v1/me/export', class: 'button button--secondary', id: 'export-json', download: ctx.t('portfolio.export.json_file') },
        ctx.t('portfolio.export.json'))));
}

const FAVOURITES = 'portfolio:favourites';

/** The Merkliste, or offline the copy kept on this device (null when there is none). */
async function loadFavourites(ctx) {
  try {
    const favourites = await ctx.api.get('/me/favourites');
    await saveDraft(FAVOURITES, favourites);
    return favourites;
  } catch (error) {
    if (!isOffline(error)) throw error;
    return (await getDraft(FAVOURITES)) || null;
  }
}

function favouritesSection(ctx, favourites) {
  if (favourites === null) return null;
  return h('section', { class: 'card', 'aria-labelledby': 'favourites-heading', id: 'favourites' },
    h('h2', { id: 'favourites-heading' }, ctx.t('portfolio.favourites.heading')),
    favourites.length
      ? h('ul', { class: 'list', id: 'favourite-list' }, favourites.map((entry) => h('li', { class: 'list-item' },
        h('a', { href: `#/occupations/${entry.occupation_id}`, class: 'list-item__title' }, entry.title),
        entry.berufsfeld_text ? h('p', { class: 'subtle' }, entry.berufsfeld_text) : null)))
      : h('p', { id: 'favourites-none' }, ctx.t('portfolio.favourites.none'), ' ',
        h('a', { href: '#/interests' }, ctx.t('portfolio.favourites.to_interests'))));
}

export async function render(root, ctx) {
  await Promise.all([loadNamespace('portfolio'), ensureStylesheet('/css/portfolio.css')]);
  const [{ portfolio, offline }, pending, favourites] = await Promise.all([
    loadPortfolio(ctx), pendingStepIds(), loadFavourites(ctx),
  ]);
  const title = ctx.t('portfolio.title');
  if (!portfolio) {
    replace(root, h('h1', {}, title), notice('info', ctx.t('portfolio.offline_none')));
    screenReady(root, title);
    return;
  }
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('portfolio.lead')),
    offline ? notice('info', ctx.t('portfolio.offline_snapshot')) : null,
    portfolio.jahrgang
      ? h('p', { class: 'subtle' }, ctx.t('portfolio.class_info', { jahrgang: portfolio.jahrgang, name: portfolio.class_name }))
      : notice('info', ctx.t('portfolio.no_class')),
    progressSummary(ctx, portfolio.progress),
    portfolio.steps.length ? h('h2', {}, ctx.t('portfolio.steps_heading')) : null,
    portfolio.steps.length ? h('ol', { class: 'list steps', id: 'steps' }, portfolio.steps.map((step) => stepCard(ctx, step, pending))) : null,
    portfolio.earlier_steps.length ? h('h2', {}, ctx.t('portfolio.earlier_heading')) : null,
    portfolio.earlier_steps.length
      ? h('ol', { class: 'list steps', id: 'earlier-steps' }, portfolio.earlier_steps.map((step) => stepCard(ctx, step, pending))) : null,
    otherBookings(ctx, portfolio.bookings),
    favouritesSection(ctx, favourites),
    exportSection(ctx));
  screenReady(root, title);
}
