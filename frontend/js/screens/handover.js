// StuBO (and class teacher): leavers without a secured Anschluss, consents, handover, outcomes,
// and the statutory transfer to the Agentur für Arbeit. Teachers see their class and record
// consents; handing over and the statutory transfer are the StuBO's.

import {
  actionButton, announce, busy, byName, confirmBox, errorText, field, formatDate, formErrors, h, personName, pupilName,
  replace, saveBlob, screenReady, selectField, table,
} from '../ui.js';
import {
  consentTextBox, coverageBody, coverageFields, prepare, recipientFields, recipientKey, statusBadge,
} from './cases-common.js';

function recipientLabel(recipients, r) {
  const found = recipients.find((x) => recipientKey(x) === recipientKey(r));
  return found ? found.name : r.recipient;
}

function handOverButtons(ctx, data, item, reload) {
  const handed = new Set(item.handovers.filter((x) => x.case_status !== 'widerrufen')
    .map((x) => x.recipient_name));
  return item.consents.filter((c) => !handed.has(recipientLabel(data.recipients, c))).map((c) => {
    const label = recipientLabel(data.recipients, c);
    /** @type {Record<string, unknown>} */
    const body = { pupil_id: item.pupil_id, ...recipientFields(recipientKey(c)) };
    if (data.round) body.identification_round_id = data.round.id;
    // A handover sends the pupil's data away for good: ask first, then say it is done.
    const slot = h('div', { class: 'handover-action' });
    const button = () => actionButton({
      label: ctx.t('chain.handover.hand_over', { recipient: label }),
      onClick: () => replace(slot, confirmBox({
        id: `handover-question-${item.pupil_id}-${recipientKey(c).replace(':', '-')}`,
        question: ctx.t('chain.handover.confirm', { pupil: personName(item), recipient: label }),
        confirmLabel: ctx.t('chain.handover.confirm_yes'),
        onCancel: () => replace(slot, button()),
        onConfirm: async () => {
          await ctx.api.post('/handovers', body);
          await reload(ctx.t('chain.handover.handed_over_pupil', { pupil: personName(item), recipient: label }));
        },
      })),
    });
    replace(slot, button());
    return slot;
  });
}

function declarationCell(ctx, item, reload) {
  const answer = item.declaration;
  if (!answer) return ctx.t('chain.declaration.none');
  const text = ctx.t('chain.declaration.answer', {
    plan: ctx.t(`chain.declaration.plan_${answer.plan}`), date: formatDate(answer.declared_at, ctx.lang),
  });
  const name = `${item.first_name} ${item.last_name}`;
  const extra = [answer.secured ? ctx.t('chain.declaration.secured') : null, answer.note || null].filter(Boolean);
  return [h('span', {}, text), extra.length ? h('span', { class: 'chain-note' }, ` (${extra.join('; ')})`) : null,
    answer.confirmed_at
      ? h('span', { class: 'badge badge--ok' }, ctx.t('chain.declaration.confirmed'))
      : actionButton({
        label: ctx.t('chain.declaration.confirm'), ariaLabel: ctx.t('chain.declaration.confirm_for', { name }),
        onClick: async () => {
          await ctx.api.post(`/declarations/${answer.id}/confirmation`);
          await reload(ctx.t('chain.declaration.confirmed_ok', { name }));
        },
      })];
}

function leaverTable(ctx, data, isStubo, reload) {
  if (!data.items.length) return h('p', { class: 'notice notice--info', role: 'status' }, ctx.t('chain.handover.none'));
  return table({
    captionId: 'leavers-caption',
    caption: ctx.t('chain.handover.caption'),
    columns: [ctx.t('chain.handover.pupil'), ctx.t('chain.handover.class'), ctx.t('chain.handover.status'),
      ctx.t('chain.declaration.column'), ctx.t('chain.handover.consents'), ctx.t('chain.handover.handovers')],
    rows: byName(data.items).map((item) => [
      pupilName(item),
      item.class_name,
      ctx.t(`chain.anschluss_status.${item.status}`),
      declarationCell(ctx, item, reload),
      item.consents.length
        ? h('ul', { class: 'chain-inline-list' }, item.consents.map((c) => h('li', {}, recipientLabel(data.recipients, c))))
        : ctx.t('chain.handover.no_consent'),
      [h('ul', { class: 'chain-inline-list' }, item.handovers.map((x) => h('li', {}, `${x.recipient_name} `,
        x.case_status ? statusBadge(ctx, x.case_status) : null))),
      isStubo ? h('div', { class: 'actions' }, handOverButtons(ctx, data, item, reload)) : null],
    ]),
  });
}

function consentForm(ctx, data, reload) {
  const form = h('form', { class: 'form', id: 'consent-form', novalidate: true },
    selectField({ id: 'consent-pupil', name: 'pupil_id', label: ctx.t('chain.handover.choose_pupil'),
      options: data.items.map((i) => ({ value: String(i.pupil_id), label: `${pupilName(i)} (${i.class_name})` })) }),
    selectField({ id: 'consent-recipient', name: 'recipient', label: ctx.t('chain.handover.recipient'),
      options: data.recipients.map((r) => ({ value: recipientKey(r), label: r.name })) }),
    selectField({ id: 'consent-given-by', name: 'given_by', label: ctx.t('chain.handover.given_by'),
      hint: ctx.t('chain.handover.given_by_hint'),
      options: ['guardian', 'pupil'].map((g) => ({ value: g, label: ctx.t(`chain.given_by.${g}`) })) }),
    field({ id: 'consent-guardian-reason', name: 'guardian_reason', type: 'textarea', maxlength: 300, rows: 2,
      label: ctx.t('chain.handover.guardian_reason'), hint: ctx.t('chain.handover.guardian_reason_hint') }),
    ...coverageFields(ctx, 'consent', { covers: ctx.t('chain.handover.covers'), phone: ctx.t('chain.handover.phone'),
      preferred: ctx.t('chain.handover.preferred_channel') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('chain.handover.record_consent'))));
  form.insertBefore(consentTextBox(ctx, form, data.recipients, 'consent-text'), form.lastChild);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const body = { ...recipientFields(values.get('recipient')), given_by: values.get('given_by'),
      guardian_reason: values.get('guardian_reason') || null, ...coverageBody(values) };
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        await ctx.api.post(`/pupils/${values.get('pupil_id')}/handover-consents`, body);
        await reload(ctx.t('chain.handover.consent_saved'));
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'consent-h' },
    h('h2', { id: 'consent-h' }, ctx.t('chain.handover.record_consent')), form);
}

function history(ctx, rows) {
  const body = rows.length
    ? table({
      labelledBy: 'history-h',
      columns: [ctx.t('chain.handover.pupil'), ctx.t('chain.handover.recipient'), ctx.t('chain.handover.date'),
        ctx.t('chain.handover.outcome')],
      rows: rows.map((row) => [
        pupilName(row),
        row.recipient_name,
        formatDate(row.handed_over_at, ctx.lang),
        { content: row.case_status ? statusBadge(ctx, row.case_status) : '–', class: 'chain-outcome' },
      ]),
    })
    : h('p', {}, ctx.t('chain.handover.history_none'));
  return h('section', { class: 'card', 'aria-labelledby': 'history-h' },
    h('h2', { id: 'history-h' }, ctx.t('chain.handover.history_heading')), body);
}

function statutory(ctx, schoolId, preview, reload) {
  const open = preview.items.filter((i) => !i.transferred_at).length;
  const button = actionButton({ label: ctx.t('chain.handover.statutory_download'), disabled: open === 0, onClick: async () => {
    try {
      saveBlob(await ctx.api.download(`/schools/${schoolId}/statutory-transfer.csv`, {}), 'uebermittlung-agentur.csv');
      await reload(ctx.t('chain.handover.statutory_done'));
    } catch (error) {
      await reload(errorText(error));
    }
  } });
  return h('section', { class: 'card', 'aria-labelledby': 'statutory-h' },
    h('h2', { id: 'statutory-h' }, ctx.t('chain.handover.statutory_heading')),
    h('p', {}, ctx.t('chain.handover.statutory_text')),
    h('p', {}, ctx.t('chain.handover.statutory_count', { open, total: preview.items.length })),
    h('div', { class: 'actions' }, button));
}

function roundLine(ctx, round, isStubo) {
  if (!round) return h('p', { class: 'notice notice--info' }, ctx.t('chain.handover.no_round'));
  return h('p', { class: 'chain-round' }, h('strong', {}, `${ctx.t('chain.handover.round')}: `),
    ctx.t('chain.handover.round_range', { name: round.name, from: formatDate(round.starts_on, ctx.lang),
      to: formatDate(round.ends_on, ctx.lang) }),
    isStubo ? [' ', h('a', { href: `#/identification-rounds/${round.id}`, id: 'round-snapshot-link' },
      ctx.t('chain.snapshot.link'))] : null);
}

export async function render(root, ctx) {
  await prepare();
  const schoolId = ctx.me.school_id;
  const isStubo = ctx.me.role === 'stubo';
  const draw = async (message) => {
    const data = await ctx.api.get(`/schools/${schoolId}/identification`);
    const [rows, preview] = isStubo
      ? await Promise.all([ctx.api.get(`/schools/${schoolId}/handovers`),
        ctx.api.get(`/schools/${schoolId}/statutory-transfer`)])
      : [null, null];
    const status = h('p', { role: 'status', class: 'chain-status-line' }, message || '');
    replace(root,
      h('h1', {}, ctx.t('chain.handover.title')),
      h('p', { class: 'lead' }, ctx.t('chain.handover.lead')),
      roundLine(ctx, data.round, isStubo), status,
      leaverTable(ctx, data, isStubo, draw),
      data.items.length ? consentForm(ctx, data, draw) : null,
      isStubo ? history(ctx, rows) : null,
      isStubo ? statutory(ctx, schoolId, preview, draw) : null);
    if (message) announce(message);
  };
  await draw();
  screenReady(root, ctx.t('chain.handover.title'));
}
