// The provider's own slots on #/provider/offers/:id: each one can be changed in place (dates,
// daily hours, places) or deleted after a confirmation on the page. The server decides what
// is still allowed (places never below the booked ones, dates only while nobody is booked,
// deleting only without bookings) and answers 409; we show why in the provider's language.

import { announce, busy, clearErrors, confirmBox, errorText, field, formErrors, h } from '../ui.js';
import { slotLine, time } from './internships-common.js';

const t = (ctx, key, params) => ctx.t(`internships.provider.slot_edit.${key}`, params);

function conflictText(ctx, error) {
  if (error.status === 409) {
    return error.errors && error.errors.capacity ? t(ctx, 'capacity_conflict') : t(ctx, 'schedule_conflict');
  }
  if (error.status === 422) return ctx.t('app.common.check_fields');
  if (error.status === 404) return t(ctx, 'gone');
  return errorText(error);
}

/** The changed fields only: a booked slot keeps its dates, so they are not sent at all. */
function patchBody(offer, slot, data) {
  const body = { capacity: Number(data.capacity) };
  if (slot.booked > 0) return body;
  Object.assign(body, { starts_on: data.starts_on, daily_start: data.daily_start, daily_end: data.daily_end });
  if (offer.kind !== 'bfe' && data.ends_on) body.ends_on = data.ends_on;
  if (offer.kind === 'langzeitpraktikum') body.weekdays = data.weekdays || '';
  return body;
}

function editForm(ctx, offer, slot, done) {
  const locked = slot.booked > 0;
  const id = (name) => `slot-${slot.id}-${name}`;
  const schedule = { readonly: locked, hint: locked ? t(ctx, 'dates_locked') : undefined };
  const form = h('form', { class: 'form inline-form slot-edit', id: id('form'), novalidate: true,
    'aria-labelledby': id('form-h') },
  h('h3', { id: id('form-h') }, t(ctx, 'heading', { slot: slotLine(ctx, slot) })),
  field({ label: ctx.t('internships.provider.starts_on'), name: 'starts_on', id: id('starts_on'), type: 'date',
    required: true, value: slot.starts_on, ...schedule }),
  offer.kind !== 'bfe' ? field({ label: ctx.t('internships.provider.ends_on'), name: 'ends_on', id: id('ends_on'),
    type: 'date', value: slot.ends_on, readonly: locked }) : null,
  field({ label: ctx.t('internships.provider.daily_start'), name: 'daily_start', id: id('daily_start'), type: 'time',
    required: true, value: time(slot.daily_start), readonly: locked }),
  field({ label: ctx.t('internships.provider.daily_end'), name: 'daily_end', id: id('daily_end'), type: 'time',
    required: true, value: time(slot.daily_end), readonly: locked }),
  offer.kind === 'langzeitpraktikum' ? field({ label: ctx.t('internships.provider.weekdays'), name: 'weekdays',
    id: id('weekdays'), maxlength: 5, inputmode: 'numeric', value: slot.weekdays || '', readonly: locked }) : null,
  field({ label: ctx.t('internships.provider.capacity'), name: 'capacity', id: id('capacity'), type: 'number',
    min: Math.max(1, slot.booked), max: 500, required: true, value: String(slot.capacity),
    hint: t(ctx, 'booked_hint', { booked: slot.booked }) }),
  h('div', { class: 'actions' },
    h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('app.common.save')),
    h('button', { type: 'button', class: 'button button--secondary', onclick: () => done(false) },
      ctx.t('app.common.cancel'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    if (!data.capacity) {
      formErrors(form, { errors: { capacity: [ctx.t('app.common.required')] } }, ctx.t('app.common.check_fields'));
      return;
    }
    busy(form.querySelector('button[type="submit"]'), async () => {
      clearErrors(form);
      try {
        await ctx.api.patch(`/slots/${slot.id}`, patchBody(offer, slot, data));
        announce(t(ctx, 'saved'));
        await done(true, t(ctx, 'saved'));
      } catch (error) {
        formErrors(form, { detail: conflictText(ctx, error), errors: error.errors });
      }
    });
  });
  return form;
}

function confirmDelete(ctx, slot, done) {
  return confirmBox({
    id: `slot-${slot.id}-delete-q`,
    question: t(ctx, 'delete_question', { slot: slotLine(ctx, slot) }),
    confirmLabel: t(ctx, 'delete_confirm'),
    onConfirm: async () => {
      await ctx.api.del(`/slots/${slot.id}`);
      announce(t(ctx, 'deleted'));
      await done(true, t(ctx, 'deleted'));
    },
    onCancel: () => done(false),
    failureText: (error) => (error.status === 409 ? t(ctx, 'delete_conflict') : conflictText(ctx, error)),
  });
}

/**
 * One slot of the offer with "Bearbeiten" and "Löschen".
 * reload(message, focusId) fetches the offer again and shows the message in the status area.
 */
export function slotItem(ctx, offer, slot, reload) {
  const line = slotLine(ctx, slot);
  const actions = h('div', { class: 'actions' });
  const item = h('li', { class: 'list-item', id: `slot-${slot.id}`, dataset: { slot: String(slot.id) } },
    h('p', {}, line),
    h('p', { class: 'subtle' }, ctx.t('internships.free_places', { free: slot.free, capacity: slot.capacity }),
      slot.booked ? ` · ${t(ctx, 'booked', { booked: slot.booked })}` : ''),
    actions);
  const edit = h('button', { type: 'button', class: 'button button--secondary', id: `slot-${slot.id}-edit`,
    'aria-label': t(ctx, 'edit_label', { slot: line }) }, t(ctx, 'edit'));
  const remove = h('button', { type: 'button', class: 'button button--danger-quiet',
    'aria-label': t(ctx, 'delete_label', { slot: line }) }, t(ctx, 'delete'));
  const restore = (panel) => async (changed, message) => {
    if (changed) {
      await reload(message);
      return;
    }
    panel.replaceWith(actions);
    edit.focus();
  };
  edit.addEventListener('click', () => {
    const form = editForm(ctx, offer, slot, (changed, message) => restore(form)(changed, message));
    actions.replaceWith(form);
    /** @type {HTMLInputElement} */ (form.querySelector('input:not([readonly])')).focus();
  });
  remove.addEventListener('click', () => {
    const box = confirmDelete(ctx, slot, (changed, message) => restore(box)(changed, message));
    actions.replaceWith(box);
  });
  actions.append(edit, remove);
  return item;
}
