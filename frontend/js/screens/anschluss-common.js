// Shared by the Anschluss screens: catalog (options, certificates, fields), labels, badges.

import { ensureStylesheet, h } from '../ui.js';
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
  return option ? `${code} – ${option.text}` : code;
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
    value: option.code, label: `${option.code} – ${option.text}`,
  }))];
}

export function certificateChoices(ctx, catalog) {
  return [{ value: '', label: ctx.t('anschluss.common.choose') }, ...catalog.certificates.map((entry) => ({
    value: entry.code, label: entry.text,
  }))];
}
