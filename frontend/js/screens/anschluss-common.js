// Shared by the Anschluss screens: catalog (options, certificates, fields), labels, badges.

import { ensureStylesheet, formatDate, h } from '../ui.js';
import { barChart, columnChart } from '../ui-charts.js';
import { loadNamespace } from '../i18n.js';

let catalogPromise = null;

/** Load the stylesheet, the message catalog and the reference lists once. */
export async function prepare(ctx) {
  ensureStylesheet('/css/anschluss.css');
  await loadNamespace('anschluss');
  if (!catalogPromise) {
    catalogPromise = ctx.api.get('/anschluss/catalog').catch((error) => {
      catalogPromise = null;
      throw error;
    });
  }
  return catalogPromise;
}

export function statusLabel(ctx, status) {
  return ctx.t(`anschluss.status.${status}`);
}

export function optionLabel(catalog, code) {
  if (!code) return '—';
  const option = catalog.options.find((item) => item.code === code);
  return option ? option.text : '—'; // never the SVWS code: people read the option's name
}

/** 'SBO 4.1' → 'Potenzialanalyse 1-tägig' (the KAoA standard element's name). */
export function stepLabel(catalog, code) {
  const entry = (catalog.steps || []).find((item) => item.code === code);
  return entry ? entry.text : code;
}

export function certificateLabel(catalog, code) {
  if (!code) return '—';
  const entry = catalog.certificates.find((item) => item.code === code);
  return entry ? entry.text : code;
}

/** The traffic light as text plus colour (never colour alone). */
export function lightBadge(ctx, light) {
  return h('span', { class: `badge light light--${light}` }, ctx.t(`anschluss.light.${light}`));
}

export function reasonList(ctx, reasons) {
  if (!reasons.length) return h('span', { class: 'subtle' }, '—');
  return h('ul', { class: 'reasons' }, reasons.map((reason) => h('li', {}, ctx.t(`anschluss.reason.${reason}`))));
}

export function optionChoices(ctx, catalog, certificate) {
  const fitting = catalog.options.filter((option) => !certificate || option.valid_certificates.includes(certificate));
  return [{ value: '', label: ctx.t('anschluss.common.choose') }, ...fitting.map((option) => ({
    value: option.code, label: option.text,
  }))];
}

export function certificateChoices(ctx, catalog) {
  return [{ value: '', label: ctx.t('anschluss.common.choose') }, ...catalog.certificates.map((entry) => ({
    value: entry.code, label: entry.text,
  }))];
}

/** A share from 0 to 1 as "63 %" ("—" when unknown or masked). */
export function share(value) {
  return value === null || value === undefined ? '—' : `${Math.round(value * 100)} %`;
}

// The Kommune's figures carry their share (null where a count is masked), a school's not.
function shareOf(point) {
  if ('secured_share' in point) return point.secured_share;
  return point.leavers ? point.secured / point.leavers : null;
}

/**
 * Secured share per week: a column chart with the weeks' figures as the table alternative.
 * @param {any} ctx @param {string} id @param {any[]} trend
 * @param {(value: any) => string} [text] how a count reads (the Kommune's may be masked)
 */
export function trendChart(ctx, id, trend, text = String) {
  return columnChart({
    id, title: ctx.t('anschluss.leavers.trend'),
    columns: [ctx.t('anschluss.leavers.week'), ctx.t('anschluss.leavers.secured'), ctx.t('anschluss.leavers.total'),
      ctx.t('anschluss.leavers.share')],
    points: trend.map((point) => ({
      label: formatDate(point.week_start, ctx.lang),
      share: shareOf(point),
      cells: [formatDate(point.week_start, ctx.lang), text(point.secured), text(point.leavers), share(shareOf(point))],
    })),
  });
}

/**
 * Leavers per Anschluss status as bars.
 * @param {any} ctx @param {string} id @param {Record<string, any>} byStatus
 * @param {(value: any) => string} [text] how a count reads (the Kommune's may be masked)
 */
export function statusChart(ctx, id, byStatus, text = String) {
  return barChart({
    id, title: ctx.t('anschluss.leavers.by_status'), valueLabel: ctx.t('anschluss.leavers.total'),
    rows: Object.entries(byStatus).map(([status, count]) => ({
      // A masked Kommune count draws no bar; its text says what it is.
      label: statusLabel(ctx, status), value: Number(count) || 0, text: text(count),
    })),
  });
}

