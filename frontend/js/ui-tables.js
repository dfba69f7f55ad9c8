// Data display shared by the screens: tables, paging, people's names, dates.

import { h } from './dom.js';
import { localeOf, t } from './i18n.js';

/** @typedef {import('./dom.js').Child} Child */

/** @typedef {{first_name?: string | null, last_name?: string | null}} Person */

/**
 * "Nachname, Vorname": how lists and tables sorted by surname name a pupil.
 * @param {Person} person
 */
export function pupilName(person) {
  return [person.last_name, person.first_name].filter(Boolean).join(', ');
}

const collator = new Intl.Collator('de');

/**
 * Sort people by surname, then first name, as a German reader expects: König before Kovalenko,
 * Özdemir beside Ozan (Intl.Collator('de')), where the server's binary order would put every
 * umlaut after Z. Returns a new array. Paged lists are ordered by the server (docs/architecture.md).
 * @param {any[]} people people with last_name and first_name
 * @returns {any[]}
 */
export function byName(people) {
  return [...people].sort((a, b) => collator.compare(a.last_name || '', b.last_name || '')
    || collator.compare(a.first_name || '', b.first_name || ''));
}

/**
 * "Vorname Nachname": how headings and running text name a person.
 * @param {Person} person
 */
export function personName(person) {
  return [person.first_name, person.last_name].filter(Boolean).join(' ');
}

/**
 * @typedef {Child | {content: Child, class?: string}} Cell
 * @typedef {string | {label: Child, num?: boolean, title?: string}} Column
 * @typedef {Cell[] | {cells: Cell[], class?: string | null, dataset?: Record<string, string>}} Row
 */

/** @param {Cell} cell @returns {cell is {content: Child, class?: string}} */
function isCellSpec(cell) {
  return cell !== null && typeof cell === 'object' && !Array.isArray(cell) && !(cell instanceof Node);
}

/**
 * A data table in a focusable, scrollable region (WCAG 1.4.10 reflow) named by its caption,
 * or by `labelledBy` (a heading's id) when the table has no caption.
 * Columns marked `num` are right-aligned; the cell at `rowHeader` (default 0, -1 for none)
 * is the row's header. A cell is content or {content, class}; a row is cells or {cells, class, dataset}.
 * `foot` is an optional row of totals; `class` adds a class to the <table>.
 * @param {{id?: string, caption?: Child, captionId?: string, labelledBy?: string, class?: string,
 *   columns: Column[], rows: Row[], foot?: Row, rowHeader?: number}} options
 */
export function table({ id, caption, captionId, labelledBy, class: extraClass, columns, rows, foot, rowHeader = 0 }) {
  const specs = columns.map((column) => (typeof column === 'object' ? column : { label: column }));
  const ownCaptionId = caption ? (captionId || `${id}-caption`) : null;
  // On a phone a table of more than three columns shows each row as a card; every cell then
  // names its column (data-label, drawn by the stylesheet) because the header row is hidden.
  const labelOf = (index) => {
    const label = specs[index] && specs[index].label;
    return typeof label === 'string' ? label : (label instanceof Node ? label.textContent || '' : '');
  };
  const cellOf = (cell, index) => {
    const { content, class: extra } = isCellSpec(cell) ? cell : { content: cell, class: null };
    const classes = [specs[index] && specs[index].num ? 'num' : null, extra].filter(Boolean).join(' ') || null;
    const dataset = labelOf(index) ? { label: labelOf(index) } : null;
    return index === rowHeader
      ? h('th', { scope: 'row', class: classes, dataset }, content)
      : h('td', { class: classes, dataset }, content);
  };
  const rowOf = (row) => {
    const { cells, class: rowClass, dataset } = Array.isArray(row) ? { cells: row, class: null, dataset: null } : row;
    return h('tr', { class: rowClass, dataset }, cells.map(cellOf));
  };
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': labelledBy || ownCaptionId },
    h('table', { class: ['table', specs.length > 3 ? 'table--cards' : null, extraClass], id },
      caption ? h('caption', { id: ownCaptionId }, caption) : null,
      h('thead', {}, h('tr', {}, specs.map((column) => h('th', {
        scope: 'col', class: column.num ? 'num' : null, title: column.title,
      }, column.label)))),
      h('tbody', {}, rows.map(rowOf)),
      foot ? h('tfoot', {}, rowOf(foot)) : null));
}

/**
 * A table of figures: the first column labels the rows, the others hold numbers (right-aligned).
 * figuresTable(id, caption, [rowLabel, ...figureLabels], rows)
 * @param {string} id
 * @param {Child} caption
 * @param {string[]} labels
 * @param {Row[]} rows
 */
export function figuresTable(id, caption, [rowLabel, ...figureLabels], rows) {
  return table({ id, caption, columns: [rowLabel, ...figureLabels.map((label) => ({ label, num: true }))], rows });
}

/**
 * Previous/next navigation over numbered pages; null when everything fits on one page.
 * @param {{page: number, pages: number, onPage: (page: number) => unknown}} options
 */
export function pager({ page, pages, onPage }) {
  if (pages <= 1) return null;
  const label = t('app.pager.page', { page, pages });
  const step = (target, key) => h('button', { type: 'button', class: 'button button--quiet', onclick: () => onPage(target) },
    t(key));
  return h('nav', { class: 'pager', 'aria-label': label },
    page > 1 ? step(page - 1, 'app.pager.previous') : null,
    h('span', {}, label),
    page < pages ? step(page + 1, 'app.pager.next') : null);
}

/**
 * Format an ISO date (YYYY-MM-DD or datetime) for the current language.
 * @param {string | null | undefined} value
 * @param {string} lang
 */
export function formatDate(value, lang) {
  if (!value) return '';
  const date = new Date(value.length === 10 ? `${value}T12:00:00` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium' }).format(date);
}

/** @param {string | null | undefined} value @param {string} lang */
export function formatDateTime(value, lang) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short' })
    .format(date);
}
