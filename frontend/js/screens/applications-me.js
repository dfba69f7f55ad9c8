// Pupil: "Meine Bewerbungen" — add your applications, keep their status up to date; your
// teacher confirms an acceptance before it counts.

import {
  actionButton, announce, busy, clearErrors, field, formatDate, formErrors, h, notice, replace, screenReady,
  selectField,
} from '../ui.js';
import { applicationStatus, optionText, prepare } from './transition-common.js';

export const PUPIL_STATUSES = ['geplant', 'beworben', 'einladung', 'zugesagt', 'zugesagt_vorbehalt', 'abgesagt', 'zurueckgezogen'];

/** Where the application goes: a school's name or the company / free text. */
export function targetName(application) {
  return application.target_school_name || application.target_name;
}

/** Options a pupil can apply for (the "no Anschluss" entries are not applications). */
export function optionChoices(ctx, catalog) {
  return [{ value: '', label: ctx.t('transition.common.choose') },
    ...catalog.options.filter((o) => !['NOKEAN', 'UNBE', 'ABSENZ'].includes(o.code))
      .map((o) => ({ value: o.code, label: o.text }))];
}

/** The add form, shared by the pupil's and the staff's screens. */
export function addForm(ctx, catalog, targets, { path, idPrefix, onSaved }) {
  const schools = [{ value: '', label: ctx.t('transition.common.choose') },
    ...targets.map((school) => ({ value: String(school.id), label: school.name }))];
  const form = h('form', { class: 'form', id: `${idPrefix}-add-form`, novalidate: true },
    selectField({
      id: `${idPrefix}-kind`, name: 'target_kind', label: ctx.t('transition.applications.kind'), value: 'company',
      options: ['company', 'school', 'other'].map((kind) => ({ value: kind, label: ctx.t(`transition.applications.kind_${kind}`) })),
    }),
    selectField({ id: `${idPrefix}-school`, name: 'target_school_id', label: ctx.t('transition.applications.school'), options: schools }),
    field({ id: `${idPrefix}-name`, name: 'target_name', label: ctx.t('transition.applications.name'), maxlength: 200 }),
    selectField({ id: `${idPrefix}-option`, name: 'option_code', label: ctx.t('transition.applications.option'), options: optionChoices(ctx, catalog) }),
    selectField({
      id: `${idPrefix}-status`, name: 'status', label: ctx.t('transition.applications.status'), value: 'beworben',
      options: PUPIL_STATUSES.map((status) => ({ value: status, label: applicationStatus(ctx, status) })),
    }),
    field({ id: `${idPrefix}-applied`, name: 'applied_on', type: 'date', label: ctx.t('transition.applications.applied_on') }),
    h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: `${idPrefix}-chosen`, name: 'is_chosen' }),
      h('label', { for: `${idPrefix}-chosen` }, ctx.t('transition.applications.chosen'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('transition.applications.add'))));
  const kind = /** @type {HTMLSelectElement} */ (form.querySelector(`#${idPrefix}-kind`));
  const showFor = () => {
    const school = kind.value === 'school';
    /** @type {HTMLElement} */ (form.querySelector(`#${idPrefix}-school`).closest('.field')).hidden = !school;
    /** @type {HTMLElement} */ (form.querySelector(`#${idPrefix}-name`).closest('.field')).hidden = school;
  };
  kind.addEventListener('change', showFor);
  showFor();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      target_kind: data.get('target_kind'),
      option_code: data.get('option_code') || null,
      status: data.get('status'),
      applied_on: data.get('applied_on') || null,
      is_chosen: data.get('is_chosen') === 'on',
    };
    if (body.target_kind === 'school') body.target_school_id = Number(data.get('target_school_id')) || null;
    else body.target_name = String(data.get('target_name') || '').trim();
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        await ctx.api.post(path, body);
        announce(ctx.t('transition.applications.added'));
        await onSaved();
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return form;
}

function statusChanger(ctx, application, reload) {
  const id = `my-app-status-${application.id}`;
  const select = selectField({
    id, name: 'status', label: ctx.t('transition.applications.new_status', { target: targetName(application) }),
    options: PUPIL_STATUSES.map((status) => ({ value: status, label: applicationStatus(ctx, status) })), value: application.status,
  });
  const save = actionButton({
    label: ctx.t('transition.applications.save_status'), ariaLabel: ctx.t('transition.applications.save_status_for', { target: targetName(application) }),
    onClick: async () => {
      const status = /** @type {HTMLSelectElement} */ (select.querySelector('select')).value;
      await ctx.api.patch(`/applications/${application.id}`, { status });
      await reload(ctx.t('transition.applications.saved'));
    },
  });
  return h('div', { class: 'transition-actions' }, select, save);
}

function applicationItem(ctx, catalog, application, closed, reload) {
  const remove = !closed && !application.confirmed ? actionButton({
    label: ctx.t('transition.applications.remove'), kind: 'button--danger-quiet',
    ariaLabel: ctx.t('transition.applications.remove_for', { target: targetName(application) }),
    onClick: async () => {
      await ctx.api.del(`/applications/${application.id}`);
      await reload(ctx.t('transition.applications.removed'));
    },
  }) : null;
  return h('li', { class: 'list-item' },
    h('h3', { class: 'list-item__title' }, targetName(application), ' ',
      application.is_chosen ? h('span', { class: 'badge badge--ok' }, ctx.t('transition.applications.is_chosen')) : null,
      application.is_fallback ? h('span', { class: 'badge' }, ctx.t('transition.applications.is_fallback')) : null),
    h('dl', { class: 'meta' },
      h('dt', {}, ctx.t('transition.applications.option')), h('dd', {}, optionText(ctx, catalog, application.option_code)),
      h('dt', {}, ctx.t('transition.applications.status')), h('dd', {}, applicationStatus(ctx, application.status), ' ',
        h('span', { class: 'badge badge--pending' }, ctx.t(application.confirmed ? 'transition.applications.confirmed' : 'transition.applications.unconfirmed'))),
      application.applied_on ? [h('dt', {}, ctx.t('transition.applications.applied_on')), h('dd', {}, formatDate(application.applied_on, ctx.lang))] : null),
    application.certificate_fit === false ? notice('info', ctx.t('transition.applications.no_fit_pupil')) : null,
    closed ? null : statusChanger(ctx, application, reload),
    remove);
}

export async function render(root, ctx) {
  const catalog = await prepare(ctx);
  const title = ctx.t('transition.applications.my_title');
  const message = h('div', { id: 'my-applications-message', role: 'status' });
  const draw = async (saved, focus) => {
    const [mine, targets] = await Promise.all([ctx.api.get('/me/applications'), ctx.api.get('/application-targets')]);
    const reload = (text) => draw(text, false);
    replace(root,
      h('h1', {}, title),
      h('p', { class: 'lead' }, ctx.t('transition.applications.my_lead')),
      message,
      mine.closed ? notice('info', ctx.t('transition.applications.closed_pupil')) : null,
      h('section', { class: 'card', 'aria-labelledby': 'my-applications-h' },
        h('h2', { id: 'my-applications-h' }, ctx.t('transition.applications.list')),
        mine.items.length
          ? h('ul', { class: 'list', id: 'my-applications' }, mine.items.map((item) => applicationItem(ctx, catalog, item, mine.closed, reload)))
          : h('p', {}, ctx.t('transition.applications.none_pupil'))),
      mine.closed ? null : h('section', { class: 'card', 'aria-labelledby': 'my-applications-add-h' },
        h('h2', { id: 'my-applications-add-h' }, ctx.t('transition.applications.add_heading_pupil')),
        addForm(ctx, catalog, targets, { path: '/me/applications', idPrefix: 'my-app', onSaved: () => reload(ctx.t('transition.applications.added')) })));
    if (saved) replace(root.querySelector('#my-applications-message'), notice('success', saved));
    if (focus) screenReady(root, title);
  };
  await draw(null, true);
}
