// Roster import from a SchILD-NRW CSV: preview first (created / updated / moved / rejected
// rows), commit only when no row is rejected; moves between classes (StuBO and admins only)
// need an explicit confirmation.

import { className, findClass } from '../classes-common.js';
import {
  actionButton, announce, busy, clearErrors, formErrors, h, notice, pupilName, replace, screenReady, table,
} from '../ui.js';

const COLUMNS = {
  created: ['row', 'name', 'external_id'],
  updated: ['row', 'external_id', 'changes'],
  moves: ['row', 'name', 'external_id', 'from_class'],
  rejected: ['row', 'field', 'reason'],
};

function cell(ctx, column, row) {
  switch (column) {
    case 'row': return String(row.row);
    case 'name': return pupilName(row);
    case 'external_id': return row.external_id || '';
    case 'changes': return (row.changes || []).map((name) => ctx.t(`app.import.change_${name}`)).join(', ');
    case 'from_class': return row.from_class || '';
    case 'field': return row.field || '';
    case 'reason': return ctx.lang === 'en' ? row.reason_en : row.reason_de;
    default: return '';
  }
}

function rowTable(ctx, kind, rows) {
  const columns = COLUMNS[kind];
  return table({
    id: `import-${kind}`,
    caption: ctx.t(`app.import.${kind}_caption`, { count: rows.length }),
    columns: columns.map((column) => ({ label: ctx.t(`app.import.col_${column}`), num: column === 'row' })),
    rows: rows.map((row) => columns.map((column) => cell(ctx, column, row))),
    rowHeader: columns.indexOf('name'),
  });
}

function commitActions(ctx, moves, onCommit) {
  if (!moves.length) {
    return h('div', { class: 'actions' },
      actionButton({ label: ctx.t('app.import.commit'), kind: 'button--primary', id: 'import-commit', onClick: () => onCommit(false) }));
  }
  const checkbox = h('input', { type: 'checkbox', id: 'import-confirm-moves', name: 'confirm_moves', required: true });
  const error = h('div', {});
  const confirmed = () => {
    if (checkbox.checked) return onCommit(true);
    replace(error, notice('error', ctx.t('app.import.confirm_moves_needed')));
    checkbox.focus();
    return null;
  };
  return h('div', {},
    h('div', { class: 'check' }, checkbox,
      h('label', { for: 'import-confirm-moves' }, ctx.t('app.import.confirm_moves', { count: moves.length }))),
    error,
    h('div', { class: 'actions' },
      actionButton({ label: ctx.t('app.import.commit'), kind: 'button--primary', id: 'import-commit', onClick: confirmed })));
}

function resultView(ctx, result, onCommit, classId) {
  const created = result.created || [];
  const updated = result.updated || [];
  const moves = result.moves || [];
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
  if (moves.length) parts.push(rowTable(ctx, 'moves', moves));
  if (updated.length) parts.push(rowTable(ctx, 'updated', updated));
  if (!result.committed && !rejected.length && (created.length || updated.length)) {
    parts.push(commitActions(ctx, moves, onCommit));
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

  const fileInput = /** @type {HTMLInputElement} */ (form.querySelector('#import-file'));

  async function send(mode, confirmMoves = false) {
    const file = fileInput.files[0];
    const data = new FormData();
    data.append('file', file, file.name);
    data.append('mode', mode);
    if (confirmMoves) data.append('confirm_moves', 'true');
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

  async function commit(confirmMoves) {
    try {
      show(await send('commit', confirmMoves));
    } catch (error) {
      showFailure(error);
    }
  }

  function showFailure(error) {
    if (error.status === 422 && error.problem.report) show(error.problem.report);
    else formErrors(form, error);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!fileInput.files.length) {
      formErrors(form, { errors: { file: [ctx.t('app.import.file_missing')] } });
      return;
    }
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      result.hidden = true;
      try {
        show(await send('preview'));
      } catch (error) {
        showFailure(error);
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
