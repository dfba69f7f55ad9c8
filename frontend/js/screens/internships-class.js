// #/internships (class picker) and #/internships/classes/:id: the teacher confirms bookings
// (one by one or all at once), records guardians' consent and sees each pupil's BFE progress.

import { actionButton, announce, errorText, h, notice, personName, replace, screenReady } from '../ui.js';
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

export async function render(root, ctx) {
  await prepare();
  if (!ctx.params.id) {
    await renderPicker(root, ctx);
    return;
  }
  const t = (key, params) => ctx.t(`internships.class.${key}`, params);
  const classId = Number(ctx.params.id);
  const classes = await classesOf(ctx);
  const klass = classes.find((c) => c.id === classId) || { name: String(classId) };
  const title = t('title', { name: klass.name });
  const status = h('div', { id: 'class-status' });
  const content = h('div', { id: 'class-bookings' });

  async function reload() {
    const data = await ctx.api.get(`/classes/${classId}/bookings`);
    replace(content, h('ul', { class: 'list' }, data.pupils.map((p) => pupilCard(ctx, p, act))));
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

  const confirmAll = actionButton({ label: t('confirm_all'), kind: 'button--primary', id: 'confirm-all', onClick: async () => {
    try {
      const done = await ctx.api.post(`/classes/${classId}/bookings/confirm`, {});
      replace(status, notice('success', t('confirmed_all', { count: done.length })));
      announce(t('confirmed_all', { count: done.length }));
    } catch (error) {
      replace(status, notice('error', errorText(error)));
    }
    await reload();
  } });
  replace(root,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/internships' }, t('pick'))),
    h('h1', {}, title),
    h('div', { class: 'actions' }, confirmAll),
    status,
    content);
  await reload();
  screenReady(root, title);
}
