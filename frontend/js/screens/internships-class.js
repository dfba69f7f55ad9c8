// #/internships (class picker) and #/internships/classes/:id: the teacher confirms bookings
// (one by one or all at once), records guardians' consent and sees each pupil's BFE progress.

import {
  actionButton, announce, byName, confirmBox, errorText, h, notice, personName, replace, screenReady, selectField,
} from '../ui.js';
import { plural } from '../i18n.js';
import { kindName, prepare, slotLine, statusBadge } from './internships-common.js';

async function classesOf(ctx) {
  if (!ctx.me.school_id) return [];
  return ctx.api.get(`/schools/${ctx.me.school_id}/classes`);
}

async function renderPicker(root, ctx) {
  const t = (key, params) => ctx.t(`internships.class.${key}`, params);
  const classes = await classesOf(ctx);
  replace(root,
    h('h1', {}, t('pick')),
    h('p', { class: 'lead' }, t('pick_lead')),
    classes.length
      ? h('ul', { class: 'list', id: 'internship-classes' }, classes.map((c) => h('li', { class: 'list-item' },
        h('a', { class: 'button button--secondary', href: `#/internships/classes/${c.id}` }, t('open_class', { name: c.name })))))
      : notice('info', t('no_classes')));
  screenReady(root, t('pick'));
}

function bookingRow(ctx, pupil, booking, act) {
  const t = (key, params) => ctx.t(`internships.class.${key}`, params);
  const who = personName(pupil);
  const bookingAction = (action, kind) => actionButton({
    label: t(action), ariaLabel: t('action_label', { action: t(action), pupil: who, title: booking.offer.title }),
    kind, onClick: () => act(`/bookings/${booking.id}/${action}`),
  });
  const buttons = [];
  if (booking.status === 'requested') {
    buttons.push(bookingAction('confirm', 'button--primary'), bookingAction('reject', 'button--danger-quiet'));
  }
  if (booking.status === 'confirmed') buttons.push(bookingAction('cancel', 'button--danger-quiet'));
  const active = ['requested', 'confirmed', 'attended'].includes(booking.status);
  if (active && !booking.consent_given && !pupil.self_consent) {
    buttons.push(actionButton({
      label: t('guardian'), ariaLabel: t('guardian_label', { pupil: who, provider: booking.offer.provider_name }),
      kind: 'button--quiet',
      onClick: () => act(`/bookings/${booking.id}/guardian-consent`, { guardian_signature_seen: true }),
    }));
  }
  return h('li', { class: 'class-booking', dataset: { booking: String(booking.id) } },
    h('p', {}, h('strong', {}, booking.offer.title), ' ', statusBadge(ctx, booking.status)),
    h('p', { class: 'subtle' }, `${kindName(ctx, booking.offer.kind)} · ${slotLine(ctx, booking.slot)} · `
      + `${booking.offer.provider_name} · ${booking.consent_given ? t('consent_ok') : t('consent_missing')}`),
    buttons.length ? h('div', { class: 'actions' }, buttons) : null);
}

function pupilCard(ctx, pupil, act) {
  const t = (key, params) => ctx.t(`internships.class.${key}`, params);
  const headingId = `pupil-${pupil.pupil_id}-name`;
  return h('li', { class: 'list-item', 'aria-labelledby': headingId },
    h('h3', { class: 'list-item__title', id: headingId }, personName(pupil)),
    h('p', { class: 'subtle' }, `${t('progress')}: ${t('progress_short', {
      days: pupil.progress.days_done, fields: pupil.progress.fields_done.length })}`),
    pupil.bookings.length
      ? h('ul', { class: 'class-bookings' }, pupil.bookings.map((b) => bookingRow(ctx, pupil, b, act)))
      : h('p', { class: 'subtle' }, `${t('bookings')}: ${t('no_bookings')}`));
}

// What the list shows: everyone, pupils with a request to decide, pupils whose consent is missing.
export const FILTERS = ['all', 'requested', 'consent'];

function waits(pupil) {
  return pupil.bookings.some((b) => b.status === 'requested');
}

function consentMissing(pupil) {
  return !pupil.self_consent && pupil.bookings.some((b) => ['requested', 'confirmed', 'attended'].includes(b.status)
    && !b.consent_given);
}

/** Pupils with a request to decide first, then by name (German collation: Ö near O). */
function ordered(pupils, show) {
  const shown = pupils.filter((p) => (show === 'requested' ? waits(p) : show === 'consent' ? consentMissing(p) : true));
  const sorted = byName(shown);
  return [...sorted.filter(waits), ...sorted.filter((p) => !waits(p))];
}

export async function render(root, ctx) {
  await prepare();
  if (!ctx.params.id) {
    await renderPicker(root, ctx);
    return;
  }
  const t = (key, params) => ctx.t(`internships.class.${key}`, params);
  const classId = Number(ctx.params.id);
  const show = FILTERS.includes(ctx.query.show) ? ctx.query.show : 'all';
  const classes = await classesOf(ctx);
  const klass = classes.find((c) => c.id === classId) || { name: String(classId) };
  const title = t('title', { name: klass.name });
  const status = h('div', { id: 'class-status' });
  const content = h('div', { id: 'class-bookings' });
  const bulk = h('div', { class: 'actions', id: 'class-bulk' });
  let requested = 0;

  async function reload() {
    const data = await ctx.api.get(`/classes/${classId}/bookings`);
    requested = data.pupils.reduce((sum, p) => sum + p.bookings.filter((b) => b.status === 'requested').length, 0);
    const pupils = ordered(data.pupils, show);
    replace(content, pupils.length
      ? h('ul', { class: 'list' }, pupils.map((p) => pupilCard(ctx, p, act)))
      : notice('info', t(`empty_${show}`)));
    replace(bulk, requested ? confirmAllButton() : null);
  }

  async function act(path, body = {}) {
    try {
      await ctx.api.post(path, body);
      replace(status, notice('success', t('done')));
    } catch (error) {
      replace(status, notice('error', errorText(error)));
    }
    await reload();
  }

  // Confirming every open request at once cannot be undone in one step: ask first, then say
  // how many were confirmed.
  function confirmAllButton() {
    return actionButton({ label: t('confirm_all'), kind: 'button--primary', id: 'confirm-all', onClick: () => {
      const box = confirmBox({
        id: 'confirm-all-question',
        question: plural(requested, ['internships.class.confirm_all_question.one', 'internships.class.confirm_all_question.other']),
        confirmLabel: t('confirm_all_yes'),
        onCancel: () => replace(bulk, confirmAllButton()),
        onConfirm: async () => {
          const done = await ctx.api.post(`/classes/${classId}/bookings/confirm`, {});
          replace(status, notice('success', t('confirmed_all', { count: done.length })));
          announce(t('confirmed_all', { count: done.length }));
          await reload();
        },
      });
      replace(bulk, box);
    } });
  }

  const filter = selectField({
    id: 'class-filter', name: 'show', label: t('filter'), value: show,
    options: FILTERS.map((value) => ({ value, label: t(`filter_${value}`) })),
  });
  filter.querySelector('select').addEventListener('change', (event) => {
    const value = /** @type {HTMLSelectElement} */ (event.target).value;
    ctx.navigate(`/internships/classes/${classId}${value === 'all' ? '' : `?show=${value}`}`);
  });
  replace(root,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/internships' }, t('pick'))),
    h('h1', {}, title),
    filter,
    bulk,
    status,
    content);
  await reload();
  screenReady(root, title);
}
