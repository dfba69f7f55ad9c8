// Roster import from a SchILD-NRW CSV: preview first (created / updated / rejected rows),
// commit only when no row is rejected.

import { className, findClass } from '../classes-common.js';
import { announce, busy, clearErrors, formErrors, h, notice, replace, screenReady } from '../ui.js';

const COLUMNS = {
  created: ['row', 'name', 'external_id'],
  updated: ['row', 'external_id', 'changes'],
  rejected: ['row', 'field', 'reason'],
};

function cell(ctx, column, row) {
  switch (column) {
    case 'row': return h('td', { class: 'num' }, String(row.row));
    case 'name': return h('th', { scope: 'row' }, `${row.last_name}, ${row.first_name}`);
    case 'external_id': return h('td', {}, row.external_id || '');
    case 'changes': return h('td', {}, (row.changes || []).join(', '));
    case 'field': return h('td', {}, row.field || '');
    case 'reason': return h('td', {}, ctx.lang === 'en' ? row.reason_en : row.reason_de);
    default: return h('td', {});
  }
}

function rowTable(ctx, kind, rows) {
  const captionId = `import-${kind}-caption`;
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': captionId },
    h('table', { class: 'table', id: `import-${kind}` },
      h('caption', { id: captionId }, ctx.t(`app.import.${kind}_caption`, { count: rows.length })),
      h('thead', {}, h('tr', {}, COLUMNS[kind].map((column) => h('th',
        { scope: 'col', class: column === 'row' ? 'num' : null }, ctx.t(`app.import.col_${column}`))))),
      h('tbody', {}, rows.map((row) => h('tr', {}, COLUMNS[kind].map((column) => cell(ctx, column, row)))))));
}

function resultView(ctx, result, onCommit, classId) {
  const created = result.created || [];
  const updated = result.updated || [];
  const rejected = result.rejected || [];
  const counts = ctx.t('app.import.counts', {
    created: created.length, updated: updated.length, unchanged: result.unchanged || 0, rejected: rejected.length,
  });
  const parts = [h('h2', { id: 'import-result-heading' },
    ctx.t(result.committed ? 'app.import.committed_heading' : 'app.import.preview_heading'))];
  if (result.committed) {
    parts.push(notice('success', ctx.t('app.import.committed'), ' ', counts, ' ',
      h('a', { href: `#/classes/${classId}` }, ctx.t('app.import.to_class'))));
  } else if (rejected.length) {
    parts.push(notice('error', counts, ' ', ctx.t('app.import.has_rejected')));
  } else {
    parts.push(notice('info', counts, ' ', ctx.t(created.length || updated.length ? 'app.import.ready' : 'app.import.nothing')));
  }
  if (rejected.length) parts.push(rowTable(ctx, 'rejected', rejected));
  if (created.length) parts.push(rowTable(ctx, 'created', created));
  if (updated.length) parts.push(rowTable(ctx, 'updated', updated));
  if (!result.committed && !rejected.length && (created.length || updated.length)) {
    const commit = h('button', { type: 'button', class: 'button button--primary', id: 'import-commit' }, ctx.t('app.import.commit'));
    commit.addEventListener('click', () => busy(commit, onCommit));
    parts.push(h('div', { class: 'actions' }, commit));
  }
  return parts;
}

export async function render(root, ctx) {
  const { id } = ctx.params;
  const schoolClass = await findClass(ctx, id);
  const result = h('section', { id: 'import-result', 'aria-labelledby': 'import-result-heading' });
  result.hidden = true;
  const form = h('form', { id: 'import-form', class: 'form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'import-file' }, ctx.t('app.import.file')),
      h('p', { class: 'field-hint', id: 'import-file-hint' }, ctx.t('app.import.file_hint')),
      h('input', { type: 'file', id: 'import-file', name: 'file', accept: '.csv,.txt,text/csv',
        required: true, 'aria-describedby': 'import-file-hint' })),
    h('button', { type: 'submit', class: 'button button--primary', id: 'import-preview' }, ctx.t('app.import.preview')));

  async function send(mode) {
    const file = form.elements.file.files[0];
    const data = new FormData();
    data.append('file', file, file.name);
    data.append('mode', mode);
    return ctx.api.upload(`/classes/${encodeURIComponent(id)}/roster-imports`, data);
  }

  function show(answer) {
    replace(result, resultView(ctx, answer, commit, id));
    result.hidden = false;
    const heading = result.querySelector('h2');
    heading.setAttribute('tabindex', '-1');
    heading.focus();
    announce(heading.textContent);
  }

  async function commit() {
    try {
      show(await send('commit'));
    } catch (error) {
      if (error.status === 422 && error.problem.report) show(error.problem.report);
      else formErrors(form, { detail: error.detail || ctx.t('app.errors.failed_text'), errors: error.errors });
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.elements.file.files.length) {
      formErrors(form, { errors: { file: [ctx.t('app.import.file_missing')] } });
      return;
    }
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      result.hidden = true;
      try {
        show(await send('preview'));
      } catch (error) {
        if (error.status === 422 && error.problem.report) show(error.problem.report);
        else formErrors(form, { detail: error.detail || ctx.t('app.errors.failed_text'), errors: error.errors });
      }
    });
  });
  form.addEventListener('change', () => { result.hidden = true; });

  const title = ctx.t('app.import.title', { name: schoolClass ? schoolClass.name : '' }).trim();
  replace(root,
    h('p', { class: 'breadcrumb' }, h('a', { href: `#/classes/${id}` }, ctx.t('app.import.back', { name: className(ctx, schoolClass) }))),
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('app.import.lead')),
    h('details', { class: 'help' },
      h('summary', {}, ctx.t('app.import.format_summary')),
      h('p', {}, ctx.t('app.import.format_text'))),
    h('section', { class: 'card' }, form),
    result);
  screenReady(root, title);
}
