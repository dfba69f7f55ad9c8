// StuBO / Berufskolleg: import registrations from a portal's CSV — preview with the column
// mapping (kept for the school when wanted), then commit all rows or none.

import {
  actionButton, announce, busy, clearErrors, formErrors, h, notice, replace, screenReady, selectField, table,
} from '../ui.js';
import { applicationStatus, prepare } from './transition-common.js';

const FIELDS = ['external_id', 'last_name', 'first_name', 'birth_date', 'external_ref', 'target_schulnummer',
  'target_name', 'option', 'status', 'date'];

function mappingEditor(ctx, report) {
  const headers = [{ value: '', label: ctx.t('transition.import.unused') },
    ...report.headers.map((header) => ({ value: header, label: header }))];
  return h('fieldset', { class: 'transition-mapping', id: 'import-mapping' },
    h('legend', {}, ctx.t('transition.import.mapping')),
    FIELDS.map((name) => selectField({
      id: `map-${name}`, name, label: ctx.t(`transition.import.field.${name}`), options: headers,
      value: report.mapping[name] || '',
    })));
}

function readMapping(root) {
  const mapping = {};
  for (const name of FIELDS) {
    const select = /** @type {HTMLSelectElement | null} */ (root.querySelector(`#map-${name}`));
    if (select && select.value) mapping[name] = select.value;
  }
  return mapping;
}

function entries(ctx, id, caption, rows, columns) {
  if (!rows.length) return null;
  return table({ id, caption: `${caption} (${rows.length})`, columns: columns.map(([label]) => label),
    rows: rows.map((row) => columns.map(([, value]) => value(row))), rowHeader: -1 });
}

function reportView(ctx, report) {
  const row = [ctx.t('transition.import.row'), (r) => String(r.row)];
  const name = [ctx.t('transition.common.name'), (r) => r.name];
  const counts = ctx.t('transition.import.counts', {
    created: report.created.length, updated: report.updated.length, unchanged: report.unchanged,
    unmatched: report.unmatched.length, rejected: report.rejected.length,
  });
  const kind = report.committed ? 'success' : (report.rejected.length ? 'error' : 'info');
  return [
    notice(kind, report.committed ? ctx.t('transition.import.committed') : ctx.t('transition.import.previewed'), ' ', counts),
    h('p', {}, ctx.t('transition.import.detected', {
      encoding: report.encoding === 'windows-1252' ? 'Windows-1252' : 'UTF-8',
      delimiter: ctx.t(`transition.import.delimiter.${{ ';': 'semicolon', ',': 'comma', '\t': 'tab' }[report.delimiter] || 'semicolon'}`),
    })),
    entries(ctx, 'import-rejected', ctx.t('transition.import.rejected'), report.rejected, [row,
      [ctx.t('transition.import.column'), (r) => r.field], [ctx.t('transition.import.reason'), (r) => r.reason]]),
    entries(ctx, 'import-created', ctx.t('transition.import.created'), report.created, [row, name,
      [ctx.t('transition.applications.status'), (r) => applicationStatus(ctx, r.to_status)]]),
    entries(ctx, 'import-updated', ctx.t('transition.import.updated'), report.updated, [row, name,
      [ctx.t('transition.import.change'), (r) => `${applicationStatus(ctx, r.from_status)} → ${applicationStatus(ctx, r.to_status)}`]]),
    entries(ctx, 'import-unmatched', ctx.t('transition.import.unmatched'), report.unmatched, [row,
      [ctx.t('transition.import.reason'), (r) => ctx.t(`transition.import.unmatched_${r.reason}`)]]),
  ];
}

export async function render(root, ctx) {
  await prepare(ctx);
  const title = ctx.t('transition.import.title');
  const schoolId = ctx.me.school_id;
  const result = h('section', { id: 'import-result', class: 'card', 'aria-labelledby': 'import-result-h' });
  result.hidden = true;
  const form = h('form', { id: 'registration-form', class: 'form card', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'registration-file' }, ctx.t('transition.import.file')),
      h('p', { class: 'field-hint', id: 'registration-file-hint' }, ctx.t('transition.import.file_hint')),
      h('input', { type: 'file', id: 'registration-file', name: 'file', accept: '.csv,.txt,text/csv', 'aria-describedby': 'registration-file-hint' })),
    h('button', { type: 'submit', class: 'button button--primary', id: 'registration-preview' }, ctx.t('transition.import.preview')));
  const fileInput = /** @type {HTMLInputElement} */ (form.querySelector('#registration-file'));

  const send = async (mode, mapping, save) => {
    const data = new FormData();
    data.append('file', fileInput.files[0], fileInput.files[0].name);
    data.append('mode', mode);
    if (mapping) data.append('mapping', JSON.stringify(mapping));
    if (save) data.append('save_mapping', 'true');
    return ctx.api.upload(`/schools/${schoolId}/registration-imports`, data);
  };
  const show = (report) => {
    const save = h('div', { class: 'check' }, h('input', { type: 'checkbox', id: 'save-mapping', checked: true }),
      h('label', { for: 'save-mapping' }, ctx.t('transition.import.save_mapping')));
    const canCommit = !report.committed && !report.rejected.length && (report.created.length || report.updated.length);
    replace(result,
      h('h2', { id: 'import-result-h', tabindex: '-1' }, ctx.t(report.committed ? 'transition.import.committed_heading' : 'transition.import.preview_heading')),
      ...reportView(ctx, report),
      report.committed ? null : mappingEditor(ctx, report),
      report.committed ? null : h('div', { class: 'transition-actions' },
        actionButton({ label: ctx.t('transition.import.again'), id: 'registration-again', onClick: () => run('preview') }),
        canCommit ? save : null,
        canCommit ? actionButton({ label: ctx.t('transition.import.commit'), kind: 'button--primary', id: 'registration-commit', onClick: () => run('commit') }) : null));
    result.hidden = false;
    /** @type {HTMLElement} */ (result.querySelector('h2')).focus();
    announce(result.querySelector('h2').textContent || '');
  };
  const run = async (mode) => {
    const mapping = result.hidden ? null : readMapping(result);
    const saveBox = /** @type {HTMLInputElement | null} */ (result.querySelector('#save-mapping'));
    try {
      show(await send(mode, mapping, mode === 'commit' && saveBox && saveBox.checked));
    } catch (error) {
      if (error.status === 422 && error.problem.report) show(error.problem.report);
      else formErrors(form, error);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!fileInput.files.length) {
      formErrors(form, { errors: { file: [ctx.t('transition.import.file_missing')] } });
      return;
    }
    result.hidden = true;
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      await run('preview');
    });
  });
  replace(root,
    h('p', { class: 'breadcrumb' }, h('a', { href: ctx.me.role === 'stubo' ? '#/transition' : '#/incoming' }, ctx.t('transition.import.back'))),
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('transition.import.lead')),
    form, result);
  screenReady(root, title);
}
