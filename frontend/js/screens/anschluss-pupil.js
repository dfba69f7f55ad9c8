// Teacher/StuBO: one pupil's Anschluss (status form, reports, history) and Anschlussvereinbarung.

import { guardianLinksSection } from './guardian-links-staff.js';
import {
  announce, busy, clearErrors, errorText, formatDate, formErrors, h, notice, personName, replace, screenReady,
  selectField,
} from '../ui.js';
import {
  certificateChoices, optionChoices, optionLabel, prepare, statusLabel,
} from './anschluss-common.js';
import { agreementForm } from './anschluss-agreement-form.js';
import { achievedSection, applicationsSection, dutySection } from './anschluss-applications.js';
import { prepare as prepareTransition } from './transition-common.js';
import { loadSchooling, schoolingSection } from './anschluss-schooling.js';

const EVIDENCE = ['', 'contract', 'admission', 'pupil_report', 'provider_report', 'other'];
const CLOSE_REASONS = ['', 'start_confirmed', 'handed_to_verantwortungskette', 'moved_away', 'unreachable'];

function statusForm(ctx, catalog, current, onSaved) {
  const optionBox = h('div', {});
  const fillOptions = (certificate, value) => replace(optionBox, selectField({
    id: 'anschluss-option', name: 'option_code', label: ctx.t('anschluss.common.option'),
    options: optionChoices(ctx, catalog, certificate), value,
  }));
  const certificate = selectField({
    id: 'anschluss-certificate', name: 'expected_certificate', label: ctx.t('anschluss.common.certificate'),
    options: certificateChoices(ctx, catalog), value: current.expected_certificate,
  });
  const certificateSelect = certificate.querySelector('select');
  certificateSelect.addEventListener('change', () => {
    fillOptions(certificateSelect.value, optionBox.querySelector('select')?.value);
  });
  fillOptions(current.expected_certificate, current.option_code);
  const form = h('form', { class: 'form card', id: 'anschluss-status-form', novalidate: true },
    h('h2', {}, ctx.t('anschluss.pupil.status_heading')),
    certificate,
    selectField({
      id: 'anschluss-status', name: 'status', label: ctx.t('anschluss.common.status'),
      options: catalog.statuses.map((status) => ({ value: status, label: statusLabel(ctx, status) })),
      value: current.status, required: true,
    }),
    optionBox,
    selectField({
      id: 'anschluss-evidence', name: 'evidence', label: ctx.t('anschluss.pupil.evidence'),
      options: EVIDENCE.map((value) => ({ value, label: ctx.t(`anschluss.evidence.${value}`) })),
      value: current.evidence || '',
    }),
    selectField({
      id: 'anschluss-close', name: 'close_reason', label: ctx.t('transition.close.label'),
      hint: ctx.t('transition.close.hint'),
      options: CLOSE_REASONS.map((value) => ({ value, label: ctx.t(`transition.close.reason.${value || 'open'}`) })),
      value: '',
    }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('anschluss.pupil.save_status'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      status: data.get('status'),
      expected_certificate: data.get('expected_certificate') || null,
      option_code: data.get('option_code') || null,
      evidence: data.get('evidence') || null,
      lock_version: current.lock_version,
    };
    if (data.get('close_reason')) body.close_reason = data.get('close_reason');
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        await ctx.api.put(`/pupils/${current.pupil_id}/anschluss`, body);
        announce(ctx.t('anschluss.common.saved'));
        await onSaved();
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return form;
}

function historySection(ctx, catalog, history) {
  return h('section', { class: 'card', 'aria-labelledby': 'anschluss-history-h' },
    h('h2', { id: 'anschluss-history-h' }, ctx.t('anschluss.pupil.history')),
    history.length ? h('ol', { class: 'history', id: 'anschluss-history' }, history.map((entry) => h('li', {},
      ctx.t('anschluss.pupil.history_entry', {
        when: formatDate(entry.changed_at, ctx.lang),
        from: entry.from_status ? statusLabel(ctx, entry.from_status) : '—',
        to: `${statusLabel(ctx, entry.to_status)} (${optionLabel(catalog, entry.to_option)})`,
      }),
      entry.changed_by ? h('span', { class: 'subtle' }, ` ${ctx.t('anschluss.pupil.by', { who: entry.changed_by })}`) : null)))
      : h('p', {}, ctx.t('anschluss.pupil.history_empty')));
}

function reportsSection(ctx, reports, reload) {
  const pending = reports.filter((report) => report.state === 'pending');
  if (!pending.length) return null;
  return h('section', { class: 'card', 'aria-labelledby': 'anschluss-reports-h' },
    h('h2', { id: 'anschluss-reports-h' }, ctx.t('anschluss.pupil.reports')),
    h('ul', { class: 'list' }, pending.map((report) => {
      const act = (action, message) => async (event) => {
        await busy(event.currentTarget, async () => {
          try {
            await ctx.api.post(`/anschluss-reports/${report.id}/${action}`, action === 'confirm' ? {} : undefined);
            announce(ctx.t(message));
            await reload();
          } catch (error) {
            announce(errorText(error));
          }
        });
      };
      return h('li', { class: 'list-item' },
        h('p', {}, ctx.t('anschluss.pupil.report_text', { status: statusLabel(ctx, report.proposed_status) })),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'button button--primary', onclick: act('confirm', 'anschluss.pupil.report_confirmed') }, ctx.t('anschluss.pupil.confirm')),
          h('button', { type: 'button', class: 'button button--secondary', onclick: act('dismiss', 'anschluss.pupil.report_dismissed') }, ctx.t('anschluss.pupil.dismiss'))));
    })));
}

function versionsSection(ctx, versions) {
  return h('section', { class: 'card', 'aria-labelledby': 'anschluss-versions-h' },
    h('h2', { id: 'anschluss-versions-h' }, ctx.t('anschluss.pupil.versions')),
    versions.length ? h('ul', { class: 'list', id: 'anschluss-versions' }, versions.map((version) => h('li', { class: 'list-item' },
      h('p', {}, ctx.t('anschluss.pupil.version', { version: version.version, date: formatDate(version.created_at, ctx.lang) }), ' · ',
        version.confirmed_at ? ctx.t('anschluss.pupil.confirmed', { date: formatDate(version.confirmed_at, ctx.lang) })
          : ctx.t('anschluss.pupil.unconfirmed')),
      h('a', { href: `/api/v1/anschlussvereinbarungen/${version.id}/pdf`, download: '' },
        ctx.t('anschluss.pupil.pdf', { version: version.version })))))
      : h('p', {}, ctx.t('anschluss.pupil.no_versions')));
}

function closedNotice(ctx, current) {
  return notice('info', ctx.t('transition.close.closed', {
    date: formatDate(current.closed_at, ctx.lang), reason: ctx.t(`transition.close.reason.${current.closed_reason}`),
  }));
}

export async function render(root, ctx) {
  const [catalog] = await Promise.all([prepare(ctx), prepareTransition(ctx)]);
  const id = encodeURIComponent(ctx.params.id);
  const load = async () => {
    const [current, history, reports, versions, applications, targets, duty, schooling] = await Promise.all([
      ctx.api.get(`/pupils/${id}/anschluss`), ctx.api.get(`/pupils/${id}/anschluss/history`),
      ctx.api.get(`/pupils/${id}/anschluss/reports`), ctx.api.get(`/pupils/${id}/anschlussvereinbarungen`),
      ctx.api.get(`/pupils/${id}/applications`), ctx.api.get('/application-targets'),
      ctx.api.get(`/pupils/${id}/schulpflicht`), loadSchooling(ctx, id),
    ]);
    return { current, history, reports, versions, applications, targets, duty, schooling };
  };
  const draw = async (focusHeading) => {
    const { current, history, reports, versions, applications, targets, duty, schooling } = await load();
    const reloadWith = async (text) => {
      await draw(false);
      replace(root.querySelector('#anschluss-message'), notice('success', text));
    };
    const title = ctx.t('anschluss.pupil.title', { name: personName(current) });
    const message = h('div', { id: 'anschluss-message', role: 'status' });
    replace(root,
      h('p', { class: 'breadcrumb' }, h('a', { href: '#/anschluss' }, ctx.t('anschluss.common.back_classes'))),
      h('h1', {}, title),
      message,
      reportsSection(ctx, reports, () => draw(false)),
      current.closed_at ? closedNotice(ctx, current) : statusForm(ctx, catalog, current, async () => {
        await draw(false);
        replace(root.querySelector('#anschluss-message'), notice('success', ctx.t('anschluss.common.saved')));
      }),
      applicationsSection(ctx, catalog, current.pupil_id, applications, targets, reloadWith),
      achievedSection(ctx, catalog, current, reloadWith),
      dutySection(ctx, duty),
      schoolingSection(ctx, schooling, reloadWith),
      historySection(ctx, catalog, history),
      h('section', { class: 'card', 'aria-labelledby': 'anschluss-agreement-h' },
        h('h2', { id: 'anschluss-agreement-h' }, ctx.t('anschluss.pupil.agreement_heading')),
        agreementForm(ctx, catalog, versions[0], async (saved) => {
          await draw(false);
          replace(root.querySelector('#anschluss-message'),
            notice('success', ctx.t('anschluss.form.agreement_saved', { version: saved.version })));
        })),
      versionsSection(ctx, versions),
      await guardianLinksSection(ctx, id));
    if (focusHeading) screenReady(root, title);
  };
  await draw(true);
}
