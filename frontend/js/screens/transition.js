// StuBO: the leaving cohort through the summer — no-show alerts, each leaver's chosen
// application, arrival and Schulpflicht flag; links to the registrations import, the
// school-year rollover and the year-end KAoA export.

import {
  actionButton, announce, byName, errorText, formatDate, h, notice, pager, pupilName, replace, saveBlob, screenReady, table,
} from '../ui.js';
import { applicationStatus, arrivalLabel, dutyCell, optionText, prepare } from './transition-common.js';

const PER_PAGE = 50;

function alertsSection(ctx, alerts, reload) {
  const body = alerts.length
    ? h('ul', { class: 'list', id: 'transition-alerts' }, alerts.map((alert) => h('li', { class: 'list-item' },
      h('h3', { class: 'list-item__title' }, pupilName(alert), ' ',
        alert.schulpflichtig ? h('span', { class: 'badge badge--flag' }, ctx.t('transition.duty.flag')) : null),
      h('p', {}, ctx.t('transition.alerts.no_show', { school: alert.reported_by, date: formatDate(alert.created_at, ctx.lang) })),
      alert.schulpflichtig ? h('p', { class: 'field-hint' }, ctx.t('transition.alerts.case_opened')) : null,
      h('div', { class: 'transition-actions' },
        h('a', { class: 'button button--secondary', href: `#/anschluss/pupils/${alert.pupil_id}` }, ctx.t('transition.alerts.open_record', { name: pupilName(alert) })),
        actionButton({
          label: ctx.t('transition.alerts.resolve'), ariaLabel: ctx.t('transition.alerts.resolve_for', { name: pupilName(alert) }),
          onClick: async () => {
            await ctx.api.post(`/transition-alerts/${alert.id}/resolve`);
            await reload(ctx.t('transition.alerts.resolved'));
          },
        })))))
    : h('p', {}, ctx.t('transition.alerts.none'));
  return h('section', { class: 'card', 'aria-labelledby': 'transition-alerts-h' },
    h('h2', { id: 'transition-alerts-h' }, ctx.t('transition.alerts.title')), body);
}

function cohortTable(ctx, catalog, data) {
  if (!data.items.length) return h('p', { class: 'notice notice--info' }, ctx.t('transition.cohort.none'));
  return table({
    id: 'transition-table',
    caption: ctx.t('transition.cohort.caption', { year: data.school_year, count: data.total }),
    columns: [ctx.t('transition.common.name'), ctx.t('transition.common.class'), ctx.t('transition.common.status'),
      ctx.t('transition.applications.option'), ctx.t('transition.cohort.chosen'), ctx.t('transition.incoming.arrival'),
      ctx.t('transition.duty.title'), ctx.t('transition.cohort.closed')],
    rows: byName(data.items).map((item) => ({
      dataset: { pupil: String(item.pupil_id) },
      cells: [
        h('a', { href: `#/anschluss/pupils/${item.pupil_id}` }, pupilName(item)),
        item.class_name,
        ctx.t(`anschluss.status.${item.status}`),
        optionText(ctx, catalog, item.option_code),
        item.target_name ? `${item.target_name} (${applicationStatus(ctx, item.application_status)})` : ctx.t('transition.common.none'),
        arrivalLabel(ctx, item.arrival),
        dutyCell(ctx, item.schulpflicht, ctx.lang),
        item.closed_reason ? ctx.t(`transition.close.reason.${item.closed_reason}`) : ctx.t('transition.cohort.open'),
      ],
    })),
  });
}

function exportSection(ctx) {
  const schoolId = ctx.me.school_id;
  const status = h('div', { role: 'status' });
  const download = (kind, filename) => actionButton({
    label: ctx.t(`transition.export.${kind}`), id: `kaoa-export-${kind}`,
    onClick: async () => {
      try {
        saveBlob(await ctx.api.download(`/schools/${schoolId}/kaoa-export.${kind}`), filename);
      } catch (error) {
        replace(status, notice('error', errorText(error)));
      }
    },
  });
  return h('section', { class: 'card', 'aria-labelledby': 'transition-tools-h' },
    h('h2', { id: 'transition-tools-h' }, ctx.t('transition.export.title')),
    h('p', { class: 'field-hint' }, ctx.t('transition.export.lead')),
    h('div', { class: 'transition-downloads' },
      download('json', 'kaoa-daten.json'), download('csv', 'kaoa-daten.csv'),
      h('a', { class: 'button button--secondary', href: '#/registration-import' }, ctx.t('transition.export.import')),
      h('a', { class: 'button button--secondary', href: '#/rollover' }, ctx.t('transition.export.rollover'))),
    status);
}

export async function render(root, ctx) {
  const catalog = await prepare(ctx);
  const title = ctx.t('transition.cohort.title');
  const schoolId = ctx.me.school_id;
  const page = Number(ctx.query.page || 1);
  const openOnly = ctx.query.open_only === 'true';
  const draw = async (saved, focus) => {
    const [alerts, data] = await Promise.all([
      ctx.api.get(`/schools/${schoolId}/transition-alerts`),
      ctx.api.get(`/schools/${schoolId}/transition?page=${page}&per_page=${PER_PAGE}${openOnly ? '&open_only=true' : ''}`),
    ]);
    const toggle = h('input', { type: 'checkbox', id: 'transition-open-only', checked: openOnly });
    toggle.addEventListener('change', () => ctx.navigate(toggle.checked ? '/transition?open_only=true' : '/transition'));
    replace(root,
      h('h1', {}, title),
      h('p', { class: 'lead' }, ctx.t('transition.cohort.lead')),
      h('div', { id: 'transition-message', role: 'status' }, saved ? notice('success', saved) : null),
      alertsSection(ctx, alerts, (text) => draw(text, false)),
      h('section', { class: 'card', 'aria-labelledby': 'transition-cohort-h' },
        h('h2', { id: 'transition-cohort-h' }, ctx.t('transition.cohort.heading')),
        h('div', { class: 'check' }, toggle, h('label', { for: 'transition-open-only' }, ctx.t('transition.cohort.open_only'))),
        cohortTable(ctx, catalog, data),
        pager({ page, pages: Math.ceil(data.total / PER_PAGE), onPage: (next) => ctx.navigate(`/transition?page=${next}`) })),
      exportSection(ctx));
    if (saved) announce(saved);
    if (focus) screenReady(root, title);
  };
  await draw(null, true);
}
