// Kommune coordinator: the identification rounds of the Verantwortungskette (list, set, change
// dates, remove). At a round the schools list their leavers without a secured Anschluss.

import {
  busy, clearErrors, confirmBox, field, formatDate, formErrors, formText, h, replace, screenReady,
} from '../ui.js';
import { prepare } from './cases-common.js';

function roundFields(ctx, prefix, round = {}) {
  return [
    field({ label: ctx.t('chain.rounds.name'), hint: ctx.t('chain.rounds.name_hint'), name: 'name',
      id: `${prefix}-name`, required: true, maxlength: '60', value: round.name || '' }),
    field({ label: ctx.t('chain.rounds.starts_on'), name: 'starts_on', id: `${prefix}-starts`, type: 'date',
      required: true, value: round.starts_on || '' }),
    field({ label: ctx.t('chain.rounds.ends_on'), name: 'ends_on', id: `${prefix}-ends`, type: 'date',
      required: true, value: round.ends_on || '' }),
  ];
}

function formBody(form) {
  const data = new FormData(form);
  return {
    name: formText(data, 'name'),
    starts_on: data.get('starts_on') || null,
    ends_on: data.get('ends_on') || null,
  };
}

/** Submit `form` through `send(body)`; field errors of the problem show next to the fields. */
function onSubmit(form, send) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        await send(formBody(form));
        clearErrors(form);
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
}

function createForm(ctx, reload) {
  const form = h('form', { class: 'form', id: 'round-create', novalidate: true },
    ...roundFields(ctx, 'round-new'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('chain.rounds.create'))));
  onSubmit(form, async (body) => {
    const round = await ctx.api.post('/identification-rounds', body);
    await reload(ctx.t('chain.rounds.created', { name: round.name }));
  });
  return h('section', { class: 'card', 'aria-labelledby': 'round-create-h' },
    h('h2', { id: 'round-create-h' }, ctx.t('chain.rounds.create_heading')), form);
}

function editForm(ctx, round, reload) {
  const prefix = `round-${round.id}`;
  const form = h('form', { class: 'form', id: `${prefix}-form`, novalidate: true },
    ...roundFields(ctx, prefix, round),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('chain.rounds.save'))));
  onSubmit(form, async (body) => {
    const saved = await ctx.api.patch(`/identification-rounds/${round.id}`, body);
    await reload(ctx.t('chain.rounds.saved', { name: saved.name }));
  });
  return h('details', { class: 'help round-edit' },
    h('summary', {}, ctx.t('chain.rounds.edit', { name: round.name })), form);
}

function deleteControl(ctx, round, reload) {
  const ask = h('button', { type: 'button', class: 'button button--secondary', id: `round-${round.id}-delete` },
    ctx.t('chain.rounds.delete', { name: round.name }));
  const control = h('div', {}, ask);
  ask.addEventListener('click', () => replace(control, confirmBox({
    id: `round-${round.id}-confirm-text`,
    question: ctx.t('chain.rounds.confirm_delete', { name: round.name }),
    confirmLabel: ctx.t('chain.rounds.confirm_yes'),
    onConfirm: async () => {
      await ctx.api.del(`/identification-rounds/${round.id}`);
      await reload(ctx.t('chain.rounds.deleted', { name: round.name }));
    },
    onCancel: () => {
      replace(control, ask);
      ask.focus();
    },
  })));
  return control;
}

function progressLine(ctx, round, progress) {
  const found = progress && progress.rounds.find((entry) => entry.round.id === round.id);
  if (!found) return null;
  return h('p', { class: 'round-progress' },
    ctx.t('chain.rounds.progress', { completed: found.completed, total: found.total }), ' ',
    h('a', { href: `#/identification-rounds/${round.id}` },
      ctx.t(found.frozen ? 'chain.rounds.open_snapshot' : 'chain.rounds.open_progress', { name: round.name })));
}

function roundCard(ctx, round, reload, progress) {
  const headingId = `round-${round.id}-h`;
  return h('li', { class: 'list-item', id: `round-${round.id}` },
    h('h3', { class: 'list-item__title', id: headingId }, round.name),
    h('p', {}, ctx.t('chain.rounds.period', {
      from: formatDate(round.starts_on, ctx.lang), until: formatDate(round.ends_on, ctx.lang),
    })),
    progressLine(ctx, round, progress),
    editForm(ctx, round, reload),
    deleteControl(ctx, round, reload));
}

function roundList(ctx, rounds, reload, progress) {
  return h('section', { 'aria-labelledby': 'rounds-list-h' },
    h('h2', { id: 'rounds-list-h' }, ctx.t('chain.rounds.list_heading')),
    rounds.length
      ? h('ul', { class: 'list', id: 'rounds-list' }, rounds.map((round) => roundCard(ctx, round, reload, progress)))
      : h('p', { class: 'notice notice--info', id: 'rounds-empty' }, ctx.t('chain.rounds.none')));
}

/** The Kommune's agreement: when the application period opens, whether FHR admission excludes. */
function settingsForm(ctx, settings, onSaved) {
  const form = h('form', { class: 'form', id: 'chain-settings', novalidate: true },
    h('fieldset', { class: 'fieldset' }, h('legend', {}, ctx.t('chain.settings.opens')),
      field({ label: ctx.t('chain.settings.day'), name: 'application_opens_day', id: 'settings-day', type: 'number',
        min: '1', max: '31', required: true, value: String(settings.application_opens_day) }),
      field({ label: ctx.t('chain.settings.month'), name: 'application_opens_month', id: 'settings-month',
        type: 'number', min: '1', max: '12', required: true, value: String(settings.application_opens_month) })),
    h('div', { class: 'check' },
      h('input', { type: 'checkbox', name: 'fhr_admission_excludes', id: 'settings-fhr',
        checked: settings.fhr_admission_excludes }),
      h('label', { for: 'settings-fhr' }, ctx.t('chain.settings.fhr'))),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('chain.settings.save'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        await ctx.api.patch(`/kommunen/${settings.id}/chain-settings`, {
          application_opens_day: Number(data.get('application_opens_day')),
          application_opens_month: Number(data.get('application_opens_month')),
          fhr_admission_excludes: data.get('fhr_admission_excludes') === 'on',
        });
        clearErrors(form);
        await onSaved(ctx.t('chain.settings.saved'));
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'chain-settings-h' },
    h('h2', { id: 'chain-settings-h' }, ctx.t('chain.settings.heading')),
    h('p', {}, ctx.t('chain.settings.lead')), form);
}

export async function render(root, ctx) {
  await prepare();
  const title = ctx.t('chain.rounds.title');
  const status = h('p', { role: 'status', id: 'rounds-status', class: 'chain-status-line' });
  const listSlot = h('div', {});
  const reload = async (message) => {
    const [rounds, progress] = await Promise.all([ctx.api.get('/identification-rounds'),
      ctx.me.kommune_id ? ctx.api.get(`/kommunen/${ctx.me.kommune_id}/rounds/progress`) : null]);
    replace(listSlot, roundList(ctx, rounds, reload, progress));
    // The status line is a live region: screen readers hear the message.
    if (message) status.textContent = message;
  };
  const settings = ctx.me.kommune_id ? await ctx.api.get(`/kommunen/${ctx.me.kommune_id}/chain-settings`) : null;
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('chain.rounds.lead')),
    status,
    createForm(ctx, async (message) => {
      root.querySelector('#round-create').reset();
      await reload(message);
    }),
    listSlot,
    settings ? settingsForm(ctx, settings, async (message) => { status.textContent = message; }) : null);
  await reload();
  screenReady(root, title);
}
