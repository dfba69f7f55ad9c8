// #/provider/offers/:id: the provider publishes or withdraws an offer, adds, changes and
// deletes dates, and marks the attendance of confirmed participants (names only where the
// pupil consented).

import {
  actionButton, announce, busy, errorText, field, formErrors, formatDate, h, notice, personName, replace, screenReady,
  table,
} from '../ui.js';
import { plural } from '../i18n.js';
import { kindName, prepare } from './internships-common.js';
import { slotItem } from './provider-slots.js';

const t = (ctx, key, params) => ctx.t(`internships.provider.${key}`, params);

function slotForm(ctx, offer, reload) {
  const multiDay = offer.kind !== 'bfe';
  const form = h('form', { class: 'form card', id: 'slot-form', novalidate: true },
    h('h2', {}, t(ctx, 'new_slot')),
    field({ label: t(ctx, 'starts_on'), name: 'starts_on', type: 'date', required: true }),
    multiDay ? field({ label: t(ctx, 'ends_on'), name: 'ends_on', type: 'date' }) : null,
    field({ label: t(ctx, 'daily_start'), name: 'daily_start', type: 'time', required: true, value: '08:00' }),
    field({ label: t(ctx, 'daily_end'), name: 'daily_end', type: 'time', required: true, value: '14:00' }),
    field({ label: t(ctx, 'capacity'), name: 'capacity', type: 'number', min: 1, max: 500, required: true, value: '2' }),
    offer.kind === 'langzeitpraktikum' ? field({ label: t(ctx, 'weekdays'), name: 'weekdays', maxlength: 5, inputmode: 'numeric' }) : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t(ctx, 'add_slot'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    const body = { starts_on: data.starts_on, daily_start: data.daily_start, daily_end: data.daily_end,
      capacity: Number(data.capacity) };
    if (data.ends_on) body.ends_on = data.ends_on;
    if (data.weekdays) body.weekdays = data.weekdays;
    busy(form.querySelector('button[type="submit"]'), async () => {
      try {
        await ctx.api.post(`/offers/${offer.id}/slots`, body);
        announce(t(ctx, 'slot_added'));
        await reload();
      } catch (error) {
        formErrors(form, error, error.status === 422 ? ctx.t('app.common.check_fields') : null);
      }
    });
  });
  return form;
}

// What each state means for the company, next to its name.
export const PARTICIPANT_STATES = ['requested', 'confirmed', 'attended', 'no_show'];

function participantsTable(ctx, rows, mark) {
  if (!rows.length) return notice('info', t(ctx, 'no_participants'));
  const participant = (row) => {
    const person = row.consent ? personName(row) : t(ctx, 'anonymous');
    const date = formatDate(row.starts_on, ctx.lang);
    const markButton = (action, kind, attended) => actionButton({
      label: t(ctx, action), ariaLabel: t(ctx, 'mark_label', { action: t(ctx, action), person, date }), kind,
      onClick: () => mark([row.booking_id], attended),
    });
    const pick = row.attendance_open
      ? h('input', { type: 'checkbox', class: 'participant-pick', value: String(row.booking_id),
        'aria-label': t(ctx, 'pick_label', { person, date }) })
      : '';
    return { dataset: { booking: String(row.booking_id) }, cells: [
      pick,
      person,
      date,
      row.consent ? `${row.school_name}, ${row.class_name}, ${row.school_phone || '–'}` : '–',
      [h('strong', {}, ctx.t(`internships.status.${row.status}`)),
        h('p', { class: 'subtle' }, t(ctx, `state_explained.${row.status}`)),
        row.attendance_open
          ? h('div', { class: 'actions' },
            markButton('attended', 'button--primary', true), markButton('no_show', 'button--quiet', false))
          : null],
    ] };
  };
  const list = table({
    id: 'participants', caption: t(ctx, 'participants'), rowHeader: 1,
    columns: [{ label: h('span', { class: 'visually-hidden' }, t(ctx, 'pick')) }, t(ctx, 'person'), t(ctx, 'date'),
      t(ctx, 'school'), t(ctx, 'state')],
    rows: rows.map(participant),
  });
  // Several at once: the ticked participants, after saying how many.
  const picked = () => [...list.querySelectorAll('.participant-pick:checked')]
    .map((box) => Number(/** @type {HTMLInputElement} */ (box).value));
  const bulk = (attended) => actionButton({
    label: t(ctx, attended ? 'mark_picked_attended' : 'mark_picked_no_show'), kind: attended ? 'button--primary' : 'button--quiet',
    onClick: async () => { if (picked().length) await mark(picked(), attended); },
  });
  const open = rows.some((row) => row.attendance_open);
  return [open ? h('div', { class: 'actions', id: 'participants-bulk' },
    h('p', { class: 'field-hint' }, t(ctx, 'pick_hint')), bulk(true), bulk(false)) : null, list];
}

/** Title and description of the offer, editable (PATCH), with the saved text confirmed. */
function textForm(ctx, offer, onSaved) {
  const form = h('form', { class: 'form card', id: 'offer-text-form', novalidate: true },
    h('h2', {}, t(ctx, 'edit_text')),
    field({ label: t(ctx, 'offer_title'), name: 'title', required: true, value: offer.title, maxlength: 200 }),
    h('div', { class: 'field' },
      h('label', { for: 'offer-description' }, t(ctx, 'offer_description')),
      h('textarea', { id: 'offer-description', name: 'description', rows: 6, maxlength: 5000 }, offer.description || '')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t(ctx, 'save_text'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    busy(form.querySelector('button[type="submit"]'), async () => {
      try {
        await ctx.api.patch(`/offers/${offer.id}`, { title: String(data.get('title')), description: String(data.get('description')) });
        await onSaved(t(ctx, 'text_saved'));
      } catch (error) {
        formErrors(form, error, error.status === 422 ? ctx.t('app.common.check_fields') : null);
      }
    });
  });
  return form;
}

export async function render(root, ctx) {
  await prepare();
  const offerId = Number(ctx.params.id);
  const status = h('div', { id: 'provider-status' });
  const body = h('div', {});

  async function slotChanged(message) {
    await reload();
    replace(status, notice('success', message));
    status.setAttribute('tabindex', '-1');
    status.focus();
  }

  async function reload() {
    const [offer, participants] = await Promise.all([
      ctx.api.get(`/offers/${offerId}`), ctx.api.get(`/offers/${offerId}/participants`)]);
    const setStatus = (next) => async () => {
      await ctx.api.patch(`/offers/${offerId}`, { status: next });
      await reload();
    };
    replace(body,
      h('h1', {}, offer.title),
      h('p', { class: 'lead' }, `${kindName(ctx, offer.kind)} · `, h('span', { class: 'badge' }, t(ctx, `status.${offer.status}`))),
      h('div', { class: 'actions' }, offer.status === 'published'
        ? actionButton({ label: t(ctx, 'withdraw'), kind: 'button--danger-quiet', onClick: setStatus('withdrawn') })
        : actionButton({ label: t(ctx, 'publish_now'), kind: 'button--primary', onClick: setStatus('published') })),
      status,
      h('h2', {}, ctx.t('internships.offer.slots')),
      offer.slots.length
        ? h('ul', { class: 'list', id: 'own-slots' }, offer.slots.map((slot) => slotItem(ctx, offer, slot, slotChanged)))
        : notice('info', ctx.t('internships.offer.no_slots')),
      h('h2', {}, t(ctx, 'participants')),
      participantsTable(ctx, participants, async (bookingIds, attended) => {
        let done = 0;
        try {
          for (const bookingId of bookingIds) {
            // one after the other: a refusal stops the rest and says which
            await ctx.api.post(`/bookings/${bookingId}/attendance`, { attended });
            done += 1;
          }
          replace(status, notice('success', bookingIds.length === 1 ? t(ctx, 'marked')
            : plural(done, ['internships.provider.marked_many.one', 'internships.provider.marked_many.other'])));
        } catch (error) {
          replace(status, notice('error', errorText(error)));
        }
        await reload();
      }),
      textForm(ctx, offer, slotChanged),
      slotForm(ctx, offer, reload));
  }

  replace(root, h('p', { class: 'breadcrumb' }, h('a', { href: '#/provider' }, t(ctx, 'title'))), body);
  await reload();
  screenReady(root, document.querySelector('main h1')?.textContent || t(ctx, 'title'));
}
