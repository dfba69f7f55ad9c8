// StuBO (and class teacher): leavers without a secured Anschluss, consents, handover, outcomes,
// and the statutory transfer to the Agentur für Arbeit. Teachers see their class and record
// consents; handing over and the statutory transfer are the StuBO's.

import { announce, busy, formatDate, formErrors, h, replace, screenReady } from '../ui.js';
import { prepare, selectField, statusBadge } from './cases-common.js';

function recipientKey(r) {
  return r.recipient === 'berufskolleg' ? `berufskolleg:${r.recipient_school_id}` : 'kommune';
}

function recipientLabel(recipients, r) {
  const found = recipients.find((x) => recipientKey(x) === recipientKey(r));
  return found ? found.name : r.recipient;
}

function handOverButtons(ctx, data, item, reload) {
  const handed = new Set(item.handovers.filter((x) => x.case_status !== 'widerrufen')
    .map((x) => x.recipient_name));
  return item.consents.filter((c) => !handed.has(recipientLabel(data.recipients, c))).map((c) => {
    const label = recipientLabel(data.recipients, c);
    const button = h('button', { type: 'button', class: 'button button--secondary' },
      ctx.t('chain.handover.hand_over', { recipient: label }));
    button.addEventListener('click', () => busy(button, async () => {
      const body = { pupil_id: item.pupil_id, recipient: c.recipient };
      if (c.recipient === 'berufskolleg') body.recipient_school_id = c.recipient_school_id;
      if (data.round) body.identification_round_id = data.round.id;
      try {
        await ctx.api.post('/handovers', body);
        await reload(ctx.t('chain.handover.handed_over', { recipient: label }));
      } catch (error) {
        announce(error.detail || error.title);
        await reload(error.detail || error.title);
      }
    }));
    return button;
  });
}

function leaverTable(ctx, data, isStubo, reload) {
  if (!data.items.length) return h('p', { class: 'notice notice--info', role: 'status' }, ctx.t('chain.handover.none'));
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'leavers-caption' },
    h('table', { class: 'table' },
      h('caption', { id: 'leavers-caption' }, ctx.t('chain.handover.caption')),
      h('thead', {}, h('tr', {}, ['pupil', 'class', 'status', 'consents', 'handovers'].map((key) =>
        h('th', { scope: 'col' }, ctx.t(`chain.handover.${key}`))))),
      h('tbody', {}, data.items.map((item) => h('tr', {},
        h('th', { scope: 'row' }, `${item.last_name}, ${item.first_name}`),
        h('td', {}, item.class_name),
        h('td', {}, ctx.t(`chain.anschluss_status.${item.status}`)),
        h('td', {}, item.consents.length
          ? h('ul', { class: 'chain-inline-list' }, item.consents.map((c) => h('li', {}, recipientLabel(data.recipients, c))))
          : ctx.t('chain.handover.no_consent')),
        h('td', {},
          h('ul', { class: 'chain-inline-list' }, item.handovers.map((x) => h('li', {}, `${x.recipient_name} `,
            x.case_status ? statusBadge(ctx, x.case_status) : null))),
          isStubo ? h('div', { class: 'actions' }, handOverButtons(ctx, data, item, reload)) : null))))));
}

function consentForm(ctx, data, reload) {
  const form = h('form', { class: 'form', id: 'consent-form', novalidate: true },
    selectField({ id: 'consent-pupil', name: 'pupil_id', label: ctx.t('chain.handover.choose_pupil'),
      options: data.items.map((i) => [String(i.pupil_id), `${i.last_name}, ${i.first_name} (${i.class_name})`]) }),
    selectField({ id: 'consent-recipient', name: 'recipient', label: ctx.t('chain.handover.recipient'),
      options: data.recipients.map((r) => [recipientKey(r), r.name]) }),
    selectField({ id: 'consent-given-by', name: 'given_by', label: ctx.t('chain.handover.given_by'),
      hint: ctx.t('chain.handover.given_by_hint'),
      options: ['guardian', 'pupil'].map((g) => [g, ctx.t(`chain.given_by.${g}`)]) }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('chain.handover.record_consent'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = new FormData(form);
    const [recipient, schoolId] = String(values.get('recipient')).split(':');
    const body = { recipient, given_by: values.get('given_by') };
    if (schoolId) body.recipient_school_id = Number(schoolId);
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
    ? h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'history-h' },
      h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, ['pupil', 'recipient', 'date', 'outcome'].map((key) =>
          h('th', { scope: 'col' }, ctx.t(`chain.handover.${key}`))))),
        h('tbody', {}, rows.map((row) => h('tr', {},
          h('th', { scope: 'row' }, `${row.last_name || ''}, ${row.first_name || ''}`),
          h('td', {}, row.recipient_name),
          h('td', {}, formatDate(row.handed_over_at, ctx.lang)),
          h('td', { class: 'chain-outcome' }, row.case_status ? statusBadge(ctx, row.case_status) : '–'))))))
    : h('p', {}, ctx.t('chain.handover.history_none'));
  return h('section', { class: 'card', 'aria-labelledby': 'history-h' },
    h('h2', { id: 'history-h' }, ctx.t('chain.handover.history_heading')), body);
}

function statutory(ctx, schoolId, preview, reload) {
  const open = preview.items.filter((i) => !i.transferred_at).length;
  const button = h('button', { type: 'button', class: 'button button--secondary', disabled: open === 0 },
    ctx.t('chain.handover.statutory_download'));
  button.addEventListener('click', () => busy(button, async () => {
    const blob = await ctx.api.download(`/schools/${schoolId}/statutory-transfer.csv`, {});
    const link = h('a', { href: URL.createObjectURL(blob), download: 'uebermittlung-agentur.csv' });
    document.body.append(link);
    link.click();
    link.remove();
    await reload(ctx.t('chain.handover.statutory_done'));
  }));
  return h('section', { class: 'card', 'aria-labelledby': 'statutory-h' },
    h('h2', { id: 'statutory-h' }, ctx.t('chain.handover.statutory_heading')),
    h('p', {}, ctx.t('chain.handover.statutory_text')),
    h('p', {}, ctx.t('chain.handover.statutory_count', { open, total: preview.items.length })),
    h('div', { class: 'actions' }, button));
}

function roundLine(ctx, round) {
  if (!round) return h('p', { class: 'notice notice--info' }, ctx.t('chain.handover.no_round'));
  return h('p', { class: 'chain-round' }, h('strong', {}, `${ctx.t('chain.handover.round')}: `),
    ctx.t('chain.handover.round_range', { name: round.name, from: formatDate(round.starts_on, ctx.lang),
      to: formatDate(round.ends_on, ctx.lang) }));
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
      roundLine(ctx, data.round), status,
      leaverTable(ctx, data, isStubo, draw),
      data.items.length ? consentForm(ctx, data, draw) : null,
      isStubo ? history(ctx, rows) : null,
      isStubo ? statutory(ctx, schoolId, preview, draw) : null);
    if (message) announce(message);
  };
  await draw();
  screenReady(root, ctx.t('chain.handover.title'));
}
