// Kommune coordinator: the recipient organisations of the Verantwortungskette — the named legal
// entities a consent may name (Agentur für Arbeit, Jobcenter, Jugendhilfe, a Berufskolleg of the
// school list, the Kommunale Koordinierung). Add, switch off and on again.

import {
  actionButton, announce, busy, clearErrors, field, formErrors, formText, h, replace, screenReady, selectField,
  table,
} from '../ui.js';
import { prepare } from './cases-common.js';

const KINDS = ['agentur_fuer_arbeit', 'jobcenter', 'jugendhilfe', 'berufskolleg', 'kommunale_koordinierung'];

function recipientTable(ctx, recipients, reload) {
  if (!recipients.length) return h('p', { class: 'notice notice--info' }, ctx.t('chain.recipients.none'));
  return table({
    captionId: 'recipients-caption',
    caption: ctx.t('chain.recipients.caption'),
    columns: [ctx.t('chain.recipients.name'), ctx.t('chain.recipients.kind'), ctx.t('chain.recipients.state'), ''],
    rows: recipients.map((r) => [
      r.name,
      ctx.t(`chain.recipient_kind.${r.kind}`),
      r.active ? ctx.t('chain.recipients.active') : ctx.t('chain.recipients.inactive'),
      actionButton({
        label: ctx.t(r.active ? 'chain.recipients.switch_off' : 'chain.recipients.switch_on', { name: r.name }),
        kind: r.active ? 'button--danger-quiet' : 'button--quiet',
        onClick: async () => {
          await ctx.api.patch(`/recipients/${r.id}`, { active: !r.active });
          await reload(ctx.t('chain.recipients.switched', { name: r.name }));
        },
      }),
    ]),
  });
}

function createForm(ctx, kommuneId, colleges, reload) {
  const schoolField = selectField({ id: 'recipient-school', name: 'school_id', label: ctx.t('chain.recipients.school'),
    options: [{ value: '', label: ctx.t('chain.recipients.no_school') },
      ...colleges.map((s) => ({ value: String(s.id), label: s.name }))] });
  const form = h('form', { class: 'form', id: 'recipient-create', novalidate: true },
    selectField({ id: 'recipient-kind', name: 'kind', label: ctx.t('chain.recipients.kind'),
      options: KINDS.map((k) => ({ value: k, label: ctx.t(`chain.recipient_kind.${k}`) })) }),
    field({ id: 'recipient-name', name: 'name', label: ctx.t('chain.recipients.name'),
      hint: ctx.t('chain.recipients.name_hint'), maxlength: '200' }),
    schoolField,
    field({ id: 'recipient-address', name: 'address', label: ctx.t('chain.recipients.address'), maxlength: '300' }),
    field({ id: 'recipient-email', name: 'email', type: 'email', label: ctx.t('chain.recipients.email'), maxlength: '255' }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('chain.recipients.add'))));
  const kind = /** @type {HTMLSelectElement} */ (form.querySelector('#recipient-kind'));
  const toggleSchool = () => { schoolField.hidden = kind.value !== 'berufskolleg'; };
  kind.addEventListener('change', toggleSchool);
  toggleSchool();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { kind: data.get('kind') };
    for (const name of ['name', 'address', 'email']) {
      const value = formText(data, name);
      if (value) body[name] = value;
    }
    if (body.kind === 'berufskolleg' && data.get('school_id')) body.school_id = Number(data.get('school_id'));
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        const created = await ctx.api.post(`/kommunen/${kommuneId}/recipients`, body);
        clearErrors(form);
        await reload(ctx.t('chain.recipients.added', { name: created.name }));
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'recipient-create-h' },
    h('h2', { id: 'recipient-create-h' }, ctx.t('chain.recipients.add_heading')), form);
}

export async function render(root, ctx) {
  await prepare();
  const kommuneId = ctx.me.kommune_id;
  const draw = async (message) => {
    const [recipients, schools] = await Promise.all([
      ctx.api.get(`/kommunen/${kommuneId}/recipients`),
      ctx.api.get(`/schools?kommune_id=${kommuneId}&schulform=BK&per_page=100`),
    ]);
    const status = h('p', { role: 'status', class: 'chain-status-line' }, message || '');
    replace(root,
      h('h1', {}, ctx.t('chain.recipients.title')),
      h('p', { class: 'lead' }, ctx.t('chain.recipients.lead')),
      status,
      h('section', { class: 'card', 'aria-labelledby': 'recipients-caption' }, recipientTable(ctx, recipients, draw)),
      createForm(ctx, kommuneId, schools.items || [], draw));
    if (message) announce(message);
  };
  await draw();
  screenReady(root, ctx.t('chain.recipients.title'));
}
