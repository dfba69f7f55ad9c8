// #/bookings: a pupil's bookings, waiting lists, BFE progress, consents, calendar, certificates.

import { actionButton, announce, errorText, formatDate, h, notice, replace, screenReady } from '../ui.js';
import { fieldName, kindName, prepare, progressBox, slotLine, statusBadge } from './internships-common.js';

function consentPart(ctx, data, booking, reload) {
  const t = (key, params) => ctx.t(`internships.bookings.${key}`, params);
  if (!['requested', 'confirmed', 'attended'].includes(booking.status)) return null;
  const provider = { provider_id: booking.offer.provider_id };
  let body;
  if (booking.consent_given) {
    body = [h('p', {}, t('consent_given')),
      actionButton({ label: t('consent_revoke'), ariaLabel: `${t('consent_revoke')}: ${booking.offer.provider_name}`,
        kind: 'button--quiet', onClick: async () => {
          await ctx.api.post('/me/consents/revoke', provider);
          announce(t('consent_revoked'));
          await reload();
        } })];
  } else if (data.may_consent_self) {
    body = [h('p', {}, t('consent_missing')),
      actionButton({ label: t('consent_give', { provider: booking.offer.provider_name }), onClick: async () => {
        await ctx.api.post('/me/consents', provider);
        announce(t('consent_saved'));
        await reload();
      } })];
  } else {
    body = [h('p', {}, t('consent_guardian'))];
  }
  return h('div', { class: 'booking-consent' }, h('h4', {}, t('consent_heading')), ...body);
}

function bookingItem(ctx, data, booking, reload) {
  const t = (key, params) => ctx.t(`internships.bookings.${key}`, params);
  const headingId = `booking-${booking.id}-title`;
  const active = ['requested', 'confirmed'].includes(booking.status);
  return h('li', { class: 'list-item booking-item', 'aria-labelledby': headingId, dataset: { booking: String(booking.id) } },
    h('h3', { class: 'list-item__title', id: headingId }, booking.offer.title, ' ', statusBadge(ctx, booking.status)),
    h('p', {}, slotLine(ctx, booking.slot)),
    h('p', { class: 'subtle' }, `${kindName(ctx, booking.offer.kind)} · ${fieldName(ctx, booking.berufsfeld)} · `
      + `${booking.offer.provider_name}, ${booking.offer.street}, ${booking.offer.postcode} ${booking.offer.city}`),
    active ? h('p', { class: 'subtle' }, booking.can_cancel
      ? t('deadline', { date: formatDate(booking.cancel_deadline, ctx.lang) }) : t('deadline_passed')) : null,
    consentPart(ctx, data, booking, reload),
    h('div', { class: 'actions' },
      active && booking.can_cancel
        ? actionButton({ label: t('cancel'), ariaLabel: t('cancel_label', { title: booking.offer.title }),
          kind: 'button--danger-quiet', onClick: async () => {
            try {
              await ctx.api.post(`/bookings/${booking.id}/cancel`, {});
              announce(t('cancelled'));
            } catch (error) {
              announce(errorText(error));
            }
            await reload();
          } })
        : null,
      booking.certificate_available
        ? h('a', { class: 'button button--secondary', href: `/api/v1/bookings/${booking.id}/certificate.pdf`,
          target: '_blank', rel: 'noopener' }, t('certificate'))
        : null));
}

function waitItem(ctx, entry, reload) {
  const t = (key, params) => ctx.t(`internships.bookings.${key}`, params);
  return h('li', { class: 'list-item' },
    h('h3', { class: 'list-item__title' }, entry.offer.title),
    h('p', {}, slotLine(ctx, entry.slot)),
    h('p', { class: 'subtle' }, t('position', { position: entry.position })),
    h('div', { class: 'actions' }, actionButton({ label: t('leave'), ariaLabel: `${t('leave')}: ${entry.offer.title}`,
      kind: 'button--quiet', onClick: async () => {
        await ctx.api.del(`/slots/${entry.slot.id}/waitlist`);
        announce(t('left'));
        await reload();
      } })));
}

export async function render(root, ctx) {
  await prepare();
  const t = (key, params) => ctx.t(`internships.bookings.${key}`, params);
  const title = t('title');
  const content = h('div', { id: 'bookings-content' });

  async function reload() {
    const data = await ctx.api.get('/me/bookings');
    replace(content,
      progressBox(ctx, data.progress),
      h('h2', {}, t('list')),
      data.bookings.length
        ? h('ul', { class: 'list', id: 'booking-list' }, data.bookings.map((b) => bookingItem(ctx, data, b, reload)))
        : notice('info', t('none')),
      data.waitlist.length ? h('h2', {}, t('waitlist')) : null,
      data.waitlist.length ? h('ul', { class: 'list', id: 'waitlist-list' }, data.waitlist.map((e) => waitItem(ctx, e, reload))) : null);
  }

  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, t('lead')),
    h('div', { class: 'actions' },
      h('a', { class: 'button button--primary', href: '#/offers' }, t('find')),
      h('a', { class: 'button button--secondary', href: '/api/v1/me/bookings.ics', download: 'praktika.ics' }, t('calendar'))),
    content);
  await reload();
  screenReady(root, title);
}
