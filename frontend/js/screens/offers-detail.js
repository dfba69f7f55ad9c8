// #/offers/:id: one offer with its dates; pupils request a place or join a waiting list.

import { actionButton, announce, errorText, h, notice, replace, screenReady, selectField } from '../ui.js';
import { fieldName, freeText, kindName, prepare, slotLine, statusBadge } from './internships-common.js';

const ACTIVE = ['requested', 'confirmed', 'attended'];

/** The pupil's own state on a date ("angefragt", "bestätigt") instead of a second request. */
function mine(ctx, state) {
  return h('p', { class: 'slot-item__mine' }, ctx.t('internships.offer.yours'), ' ', statusBadge(ctx, state));
}

function slotItem(ctx, offer, slot, status, own) {
  const t = (key, params) => ctx.t(`internships.offer.${key}`, params);
  const line = slotLine(ctx, slot);
  const fieldId = `slot-${slot.id}-field`;
  const chooser = offer.berufsfelder.length > 1
    ? selectField({ id: fieldId, name: 'berufsfeld', label: t('field_choice'),
      options: offer.berufsfelder.map((c) => ({ value: c, label: fieldName(ctx, c) })) })
    : null;
  const full = slot.free <= 0;
  const button = actionButton({
    label: t(full ? 'waitlist' : 'book'), kind: full ? 'button--secondary' : 'button--primary',
    ariaLabel: t(full ? 'waitlist_label' : 'book_label', { date: line }), onClick: async () => {
    const berufsfeld = chooser ? chooser.querySelector('select').value : undefined;
    try {
      if (full) {
        const entry = await ctx.api.post(`/slots/${slot.id}/waitlist`, berufsfeld ? { berufsfeld } : {});
        replace(status, notice('success', t('queued', { position: entry.position })));
      } else {
        const booking = await ctx.api.post('/bookings', berufsfeld ? { slot_id: slot.id, berufsfeld } : { slot_id: slot.id });
        replace(status, notice('success', t('booked'), ' ',
          h('a', { href: '#/bookings' }, ctx.t('internships.bookings.title'))));
        replace(actions, mine(ctx, booking.status));
      }
      announce(status.textContent);
    } catch (error) {
      replace(status, notice('error', errorText(error)));
    }
  } });
  const actions = h('div', { class: 'actions' }, own ? mine(ctx, own) : button);
  return h('li', { class: 'list-item slot-item' },
    h('p', { class: 'slot-item__when' }, line),
    h('p', { class: 'subtle' }, freeText(ctx, slot)),
    own ? null : chooser,
    ctx.me.role === 'pupil' ? actions : null);
}

export async function render(root, ctx) {
  await prepare();
  const [offer, my] = await Promise.all([
    ctx.api.get(`/offers/${Number(ctx.params.id)}`),
    ctx.me.role === 'pupil' ? ctx.api.get('/me/bookings') : Promise.resolve({ bookings: [] }),
  ]);
  const own = new Map(my.bookings.filter((b) => ACTIVE.includes(b.status)).map((b) => [b.slot.id, b.status]));
  const t = (key, params) => ctx.t(`internships.offer.${key}`, params);
  const status = h('div', { id: 'booking-status' });
  replace(root,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/offers' }, ctx.t('internships.back_offers'))),
    h('h1', {}, offer.title),
    h('p', { class: 'lead' }, `${kindName(ctx, offer.kind)} · ${offer.provider_name}`),
    h('ul', { class: 'tags', 'aria-label': ctx.t('internships.offers.berufsfeld') },
      offer.berufsfelder.map((code) => h('li', { class: 'tag' }, fieldName(ctx, code)))),
    h('dl', { class: 'meta' },
      h('dt', {}, t('what')), h('dd', {}, offer.description || '–'),
      h('dt', {}, t('where')), h('dd', {}, `${offer.street}, ${offer.postcode} ${offer.city}`),
      h('dt', {}, t('access')), h('dd', {}, offer.accessibility_notes || '–'),
      h('dt', {}, ctx.t('internships.offers.kind')), h('dd', {}, t('min_jahrgang', { jahrgang: offer.min_jahrgang }))),
    h('h2', {}, t('slots')),
    status,
    offer.slots.length
      ? h('ul', { class: 'list', id: 'slot-list' }, offer.slots.map((slot) => slotItem(ctx, offer, slot, status, own.get(slot.id))))
      : notice('info', t('no_slots')));
  screenReady(root, offer.title);
}
