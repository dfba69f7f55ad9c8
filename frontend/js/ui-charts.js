// Charts for the staff dashboards: plain SVG, no library. Each chart is an image with a text
// name (role="img") and the same figures as a table under "Als Tabelle anzeigen" (WCAG 1.1.1):
// nobody depends on seeing the bars. Positions are percentages of the width, so the text keeps
// its size on a 360 px phone and the chart never scrolls sideways.

import { h } from './dom.js';
import { t } from './i18n.js';
import { table } from './ui-tables.js';

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element: svg('rect', {x: '0%'}, child…). */
function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function frame(id, title, summary, image, tableColumns, tableRows) {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  image.setAttribute('role', 'img');
  image.setAttribute('aria-labelledby', `${titleId} ${descId}`);
  image.setAttribute('class', 'chart__image');
  return h('figure', { class: 'chart', id },
    h('figcaption', { class: 'chart__title', id: titleId }, title),
    h('p', { class: 'visually-hidden', id: descId }, summary),
    image,
    h('details', { class: 'chart__data' },
      h('summary', {}, t('app.chart.as_table')),
      table({ id: `${id}-table`, caption: title, columns: tableColumns, rows: tableRows })));
}

/**
 * Horizontal bars, one per row: the label above its bar, the figure after it.
 * rows: [{label, value, text?}] (text: how the figure reads, default the number).
 * @param {{id: string, title: string, valueLabel: string,
 *   rows: {label: string, value: number, text?: string}[]}} options
 */
export function barChart({ id, title, valueLabel, rows }) {
  const max = Math.max(1, ...rows.map((row) => row.value));
  const line = 44;
  const bars = rows.map((row, index) => {
    const y = index * line;
    const width = (row.value / max) * 80;
    const text = row.text ?? String(row.value);
    return svg('g', {},
      svg('text', { x: '0', y: y + 14, class: 'chart__label' }, row.label),
      svg('rect', { x: '0', y: y + 20, width: `${Math.max(width, 0.5)}%`, height: 16, rx: 2, class: 'chart__bar' }),
      svg('text', { x: `${width + 1.5}%`, y: y + 33, class: 'chart__value' }, text));
  });
  const image = svg('svg', { width: '100%', height: Math.max(line, rows.length * line) }, bars);
  const summary = rows.map((row) => `${row.label}: ${row.text ?? row.value}`).join('; ');
  return frame(id, title, summary, image, [title, { label: valueLabel, num: true }],
    rows.map((row) => [row.label, row.text ?? String(row.value)]));
}

/**
 * Columns over time (weeks): each column a share from 0 to 1, labelled below with its date.
 * points: [{label, share, cells}] — cells are the point's row in the table alternative.
 * @param {{id: string, title: string, columns: string[],
 *   points: {label: string, share: number | null, cells: string[]}[]}} options
 */
export function columnChart({ id, title, columns, points }) {
  const height = 120;
  const step = 100 / Math.max(points.length, 1);
  const items = points.map((point, index) => {
    const share = point.share ?? 0;
    const barHeight = Math.max(share * height, point.share === null ? 0 : 1);
    const x = index * step;
    return svg('g', {},
      svg('rect', { x: `${x + step * 0.15}%`, y: 16 + height - barHeight, width: `${step * 0.7}%`, height: barHeight,
        rx: 2, class: 'chart__bar' }),
      svg('text', { x: `${x + step / 2}%`, y: 12 + height - barHeight, class: 'chart__value', 'text-anchor': 'middle' },
        point.share === null ? '–' : `${Math.round(share * 100)} %`),
      // Every label would collide on a phone: the first, the last and every fourth are drawn.
      index % 4 === 0 || index === points.length - 1
        ? svg('text', { x: `${x + step / 2}%`, y: height + 36, class: 'chart__label', 'text-anchor': 'middle' }, point.label)
        : null);
  });
  const image = svg('svg', { width: '100%', height: height + 44 },
    svg('line', { x1: '0', x2: '100%', y1: 16 + height, y2: 16 + height, class: 'chart__axis' }), items);
  const summary = points.map((point) => `${point.label}: ${point.share === null ? '–' : `${Math.round(point.share * 100)} %`}`)
    .join('; ');
  return frame(id, title, summary, image, columns, points.map((point) => point.cells));
}
