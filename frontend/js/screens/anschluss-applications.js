// Teacher/StuBO: a leaver's applications (confirm, choose, fallback), the achieved certificate
// and the Schulpflicht explained — sections of the pupil's Anschluss screen.

import {
  actionButton, announce, busy, clearErrors, formatDate, formErrors, h, notice, replace, selectField,
} from '../ui.js';
import { addForm, PUPIL_STATUSES, targetName } from './applications-me.js';
import { applicationStatus, optionText } from './transition-common.js';

function flags(ctx, application) {
  return [
    application.is_chosen ? h('span', { class: 'badge badge--ok' }, ctx.t('transition.applications.is_chosen')) : null,
    application.is_fallback ? h('span', { class: 'badge' }, ctx.t('transition.applications.is_fallback')) : null,
    application.confirmed ? null : h('span', { class: 'badge badge--pending' }, ctx.t('transition.applications.unconfirmed')),
    application.certificate_fit === false ? h('span', { class: 'badge badge--flag' }, ctx.t('transition.applications.no_fit')) : null,
  ];
}

function itemActions(ctx, application, reload) {
  const patch = (body, message) => async () => {
    await ctx.api.patch(`/applications/${application.id}`, body);
    await reload(ctx.t(message));
  };
  const name = targetName(application);
  const select = selectField({
    id: `staff-app-status-${application.id}`, name: 'status', value: application.status,
    label: ctx.t('transition.applications.new_status', { target: name }),
    options: PUPIL_STATUSES.map((status) => ({ value: status, label: applicationStatus(ctx, status) })),
  });
  const statusOf = () => /** @type {HTMLSelectElement} */ (select.querySelector('select')).value;
  return h('div', { class: 'transition-actions' },
    select,
    actionButton({
      label: ctx.t('transition.applications.save_status'), ariaLabel: ctx.t('transition.applications.save_status_for', { target: name }),
      onClick: async () => patch({ status: statusOf(), confirmed: true }, 'transition.applications.saved')(),
    }),
    application.confirmed ? null : actionButton({
      label: ctx.t('transition.applications.confirm'), kind: 'button--primary',
      ariaLabel: ctx.t('transition.applications.confirm_for', { target: name }),
      onClick: patch({ confirmed: true }, 'transition.applications.confirmed_ok'),
    }),
    application.is_chosen ? null : actionButton({
      label: ctx.t('transition.applications.choose'), ariaLabel: ctx.t('transition.applications.choose_for', { target: name }),
      onClick: patch({ is_chosen: true }, 'transition.applications.saved'),
    }),
    application.is_chosen || application.is_fallback ? null : actionButton({
      label: ctx.t('transition.applications.fallback'), ariaLabel: ctx.t('transition.applications.fallback_for', { target: name }),
      onClick: patch({ is_fallback: true }, 'transition.applications.saved'),
    }),
    actionButton({
      label: ctx.t('transition.applications.remove'), kind: 'button--danger-quiet',
      ariaLabel: ctx.t('transition.applications.remove_for', { target: name }),
      onClick: async () => {
        await ctx.api.del(`/applications/${application.id}`);
        await reload(ctx.t('transition.applications.removed'));
      },
    }));
}

/** The leaver's applications with the staff's actions and the add form. */
export function applicationsSection(ctx, catalog, pupilId, data, targets, reload) {
  const items = data.items.length
    ? h('ul', { class: 'list', id: 'staff-applications' }, data.items.map((application) => h('li', { class: 'list-item' },
      h('h3', { class: 'list-item__title' }, targetName(application), ' ', ...flags(ctx, application)),
      h('p', {}, `${optionText(ctx, catalog, application.option_code)} · ${applicationStatus(ctx, application.status)}`),
      data.closed ? null : itemActions(ctx, application, reload))))
    : h('p', {}, ctx.t('transition.applications.none_staff'));
  return h('section', { class: 'card', 'aria-labelledby': 'staff-applications-h' },
    h('h2', { id: 'staff-applications-h' }, ctx.t('transition.applications.staff_title')),
    h('p', { class: 'field-hint' }, ctx.t('transition.applications.staff_lead')),
    items,
    data.closed ? null : h('details', { class: 'help' },
      h('summary', {}, ctx.t('transition.applications.add_heading_staff')),
      addForm(ctx, catalog, targets, {
        path: `/pupils/${pupilId}/applications`, idPrefix: 'staff-app',
        onSaved: () => reload(ctx.t('transition.applications.added')),
      })));
}

/** The certificate reached at the end of the school year; answers what no longer fits. */
export function achievedSection(ctx, catalog, current, reload) {
  const form = h('form', { class: 'form', id: 'achieved-form', novalidate: true },
    selectField({
      id: 'achieved-certificate', name: 'certificate', label: ctx.t('transition.achieved.label'),
      value: current.achieved_certificate || '',
      options: [{ value: '', label: ctx.t('transition.achieved.none') },
        ...catalog.certificates.map((entry) => ({ value: entry.code, label: entry.text }))],
    }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('transition.achieved.save'))));
  const result = h('div', { id: 'achieved-result' });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const certificate = new FormData(form).get('certificate') || null;
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        const answer = await ctx.api.put(`/pupils/${current.pupil_id}/achieved-certificate`, { certificate });
        const names = [...new Set(answer.mismatches.map((m) => optionText(ctx, catalog, m.option_code)))];
        await reload(ctx.t('transition.achieved.saved'));
        const target = document.getElementById('achieved-result');
        if (target && names.length) {
          replace(target, notice('error', ctx.t('transition.achieved.mismatch', { options: names.join(', ') })));
          announce(target.textContent || '');
        }
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'achieved-h' },
    h('h2', { id: 'achieved-h' }, ctx.t('transition.achieved.title')),
    h('p', { class: 'field-hint' }, ctx.t('transition.achieved.lead')),
    current.closed_at ? null : form, result);
}

/** The Schulpflicht, explained in words. */
export function dutySection(ctx, duty) {
  return h('section', { class: 'card', 'aria-labelledby': 'duty-h' },
    h('h2', { id: 'duty-h' }, ctx.t('transition.duty.title'), ' ',
      duty.flagged ? h('span', { class: 'badge badge--flag' }, ctx.t('transition.duty.flag')) : null),
    h('ul', { class: 'list', id: 'duty-reasons' }, duty.reasons.map((reason) => h('li', {},
      ctx.t(`transition.duty.reason.${reason.code}`, { date: formatDate(reason.date, ctx.lang) })))),
    h('p', { class: 'field-hint' }, ctx.t('transition.duty.basis', { basis: duty.legal_basis })));
}
