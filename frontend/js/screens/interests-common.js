// Shared by the interest screens: draft keys, type names and the chart.

import { h } from '../ui.js';

export const TYPES = ['R', 'I', 'A', 'S', 'E', 'C'];
export const DRAFT_QUESTIONNAIRE = 'interests:questionnaire';
export const DRAFT_ANSWERS = 'interests:answers';
export const DRAFT_PENDING = 'interests:pending';
export const PROFILES_PATH = '/me/interest-profiles';

export function typeName(ctx, letter) {
  return ctx.t(`interests.types.${letter}.name`);
}

/** ['S', 'A'] → "Sozial-helfend und Künstlerisch-kreativ" */
export function typeList(ctx, letters) {
  return [...letters].map((letter) => typeName(ctx, letter)).join(ctx.t('interests.r.and'));
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  Object.entries(attrs || {}).forEach(([name, value]) => el.setAttribute(name, String(value)));
  children.forEach((child) => el.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return el;
}

/** The six scores as a horizontal bar chart (SVG, role=img with a text alternative). */
export function scoreChart(ctx, scores, idPrefix = 'chart') {
  const rowHeight = 46;
  const width = 320;
  const barStart = 0;
  const barMax = width - 44;
  const values = TYPES.map((letter) => `${typeName(ctx, letter)} ${scores[letter]}`).join(', ');
  const label = ctx.t('interests.r.chart_label', { values });
  const rows = TYPES.map((letter, index) => {
    const y = index * rowHeight;
    const barWidth = Math.max(2, (scores[letter] / 100) * barMax);
    return svg('g', { class: 'chart__row' },
      svg('text', { x: 0, y: y + 15, class: 'chart__label' }, `${letter} · ${typeName(ctx, letter)}`),
      svg('rect', { x: barStart, y: y + 21, width: barMax, height: 16, rx: 3, class: 'chart__track' }),
      svg('rect', { x: barStart, y: y + 21, width: barWidth, height: 16, rx: 3, class: 'chart__bar' }),
      svg('text', { x: barMax + 6, y: y + 34, class: 'chart__value' }, scores[letter]));
  });
  return svg('svg', {
    class: 'chart', viewBox: `0 0 ${width} ${rowHeight * TYPES.length}`, role: 'img',
    'aria-labelledby': `${idPrefix}-title`, focusable: 'false',
  }, svg('title', { id: `${idPrefix}-title` }, label), ...rows);
}

/** The same values as a table (inside a disclosure) for those who prefer text. */
export function scoreTable(ctx, scores) {
  return h('details', { class: 'chart-table' },
    h('summary', {}, ctx.t('interests.r.table_toggle')),
    h('table', { class: 'table' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, ctx.t('interests.r.col_type')),
        h('th', { scope: 'col', class: 'num' }, ctx.t('interests.r.col_score')))),
      h('tbody', {}, TYPES.map((letter) => h('tr', {},
        h('th', { scope: 'row' }, `${letter} – ${typeName(ctx, letter)}`),
        h('td', { class: 'num' }, String(scores[letter])))))));
}
