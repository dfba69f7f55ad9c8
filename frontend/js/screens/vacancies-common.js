// Shared bits of the Ausbildungsplatz screens: loading, certificate names, the "warum" of a
// match and the facts of one vacancy.

import { loadNamespace } from '../i18n.js';
import { formatDate, h } from '../ui.js';
import { fieldName, prepare as prepareInternships } from './internships-common.js';

export const CERTIFICATES = [
  'SBO_10_7_2', 'SBO_10_7_4', 'SBO_10_7_5', 'SBO_10_7_6', 'SBO_10_7_7', 'SBO_10_7_8', 'SBO_10_7_11',
  'SBO_10_7_12', 'SBO_10_7_13',
];
export const OUTCOMES = ['vorgeschlagen', 'beworben', 'einladung', 'zusage', 'absage'];

export async function prepare() {
  await Promise.all([loadNamespace('vacancies'), prepareInternships()]);
}

/** The certificate's everyday name ("Hauptschulabschluss"), never its SBO key. */
export function certificateName(ctx, key) {
  return key ? ctx.t(`vacancies.certificate.${key}`) : ctx.t('vacancies.common.no_certificate');
}

/** One reason of a match in words; `audience` 'reason' (du) or 'reason_staff'. */
export function reasonText(ctx, reason, audience = 'reason') {
  const params = {
    code: reason.code,
    field: reason.berufsfeld ? fieldName(ctx, reason.berufsfeld) : '',
    certificate: certificateName(ctx, reason.certificate),
    km: reason.km,
    date: formatDate(reason.date, ctx.lang),
  };
  return audience === 'reason_staff'
    ? ctx.t(`vacancies.reason_staff.${reason.kind}`, params)
    : ctx.t(`vacancies.reason.${reason.kind}`, params);
}

/** "Warum?" as one line: "passt zu deinem Profil S-A-E; Hauptschulabschluss genügt meist; 6 km". */
export function whyLine(ctx, vacancy, audience = 'reason') {
  if (!vacancy.why || !vacancy.why.length) return null;
  return h('p', { class: 'vacancy-why' },
    h('strong', {}, `${ctx.t('vacancies.common.why')} `),
    vacancy.why.map((reason) => reasonText(ctx, reason, audience)).join('; '));
}

/** The facts of a vacancy as a description list. */
export function facts(ctx, vacancy, { pupil = false } = {}) {
  const place = [vacancy.street, [vacancy.postcode, vacancy.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const rows = [
    [ctx.t('vacancies.common.employer'), vacancy.employer_name],
    [ctx.t('vacancies.common.start'), formatDate(vacancy.starts_on, ctx.lang)],
    [ctx.t('vacancies.common.places'), String(vacancy.places)],
    [ctx.t('vacancies.common.place'), place],
    [ctx.t('vacancies.common.field'), vacancy.berufsfeld ? fieldName(ctx, vacancy.berufsfeld) : ctx.t('vacancies.common.no_field')],
    [ctx.t('vacancies.common.certificate'), certificateName(ctx, vacancy.usual_certificate)],
    [ctx.t('vacancies.common.deadline'), vacancy.apply_until ? formatDate(vacancy.apply_until, ctx.lang) : null],
    [pupil ? ctx.t('vacancies.common.how_to_apply') : ctx.t('vacancies.common.how_to_apply_staff'), vacancy.how_to_apply || null],
    [ctx.t('vacancies.common.accessibility'), vacancy.accessibility_notes || null],
  ].filter(([, value]) => value);
  return h('dl', { class: 'meta' }, rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}

/** Link to the Bundesagentur's offer for imported vacancies. */
export function sourceLink(ctx, vacancy) {
  if (vacancy.source !== 'ba' || !vacancy.external_url) return null;
  return h('p', {}, h('span', { class: 'subtle' }, ctx.t('vacancies.common.source_ba')), ' ',
    h('a', { href: vacancy.external_url, target: '_blank', rel: 'noopener noreferrer' }, ctx.t('vacancies.common.open_ba')));
}
