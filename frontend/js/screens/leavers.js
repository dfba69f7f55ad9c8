// StuBO: the leaver cohort — summary, trend, the filterable "noch kein Anschluss" list, exports.

import {
  actionButton, errorText, h, pager, pupilName, replace, saveBlob, screenReady, selectField, table,
} from '../ui.js';
import {
  certificateChoices, certificateLabel, lightBadge, optionLabel, prepare, reasonList, share, statusChart,
  statusLabel, trendChart,
} from './anschluss-common.js';

const PER_PAGE = 50;
const SORTS = ['risk', 'name', 'class'];

function classTable(ctx, summary) {
  if (!summary.by_class.length) return null;
  return table({
    id: 'leavers-classes', caption: ctx.t('anschluss.leavers.by_class'),
    columns: [ctx.t('anschluss.common.class'), { label: ctx.t('anschluss.leavers.total'), num: true },
      { label: ctx.t('anschluss.leavers.secured'), num: true }, { label: ctx.t('anschluss.leavers.share'), num: true }],
    rows: summary.by_class.map((item) => [
      h('a', { href: `#/anschluss/classes/${item.class_id}` }, item.class_name),
      String(item.leavers), String(item.secured), share(item.leavers ? item.secured / item.leavers : null)]),
  });
}

function summaryCard(ctx, summary) {
  return h('section', { class: 'card', 'aria-labelledby': 'leavers-summary-h' },
    h('h2', { id: 'leavers-summary-h' }, ctx.t('anschluss.leavers.summary')),
    h('dl', { class: 'meta figures', id: 'leavers-figures' },
      h('dt', {}, ctx.t('anschluss.leavers.total')), h('dd', {}, String(summary.leavers)),
      h('dt', {}, ctx.t('anschluss.leavers.secured')), h('dd', {}, String(summary.secured)),
      h('dt', {}, ctx.t('anschluss.leavers.without')), h('dd', {}, String(summary.without_anschluss)),
      h('dt', {}, ctx.t('anschluss.leavers.share')), h('dd', {}, share(summary.secured_share))),
    h('div', { class: 'charts' },
      statusChart(ctx, 'leavers-status-chart', summary.by_status),
      trendChart(ctx, 'leavers-trend-chart', summary.trend.slice(-12))),
    classTable(ctx, summary),
    caseCounts(ctx, summary));
}

// The Verantwortungskette outcome of handed-over leavers: the status only, no case details.
function caseLabel(ctx, status) {
  return status ? ctx.t(`anschluss.case_status.${status}`) : ctx.t('anschluss.common.none');
}

function caseCounts(ctx, summary) {
  const counts = Object.entries(summary.by_case_status || {}).filter(([, count]) => count > 0);
  return h('div', { id: 'leavers-cases' },
    h('h3', {}, `${ctx.t('anschluss.leavers.by_case')} (${ctx.t('anschluss.leavers.handed_over')}: ${summary.handed_over})`),
    h('p', { class: 'field-hint' }, ctx.t('anschluss.leavers.by_case_hint')),
    counts.length
      ? h('ul', { class: 'status-counts' }, counts.map(([status, count]) => h('li', {}, `${caseLabel(ctx, status)}: ${count}`)))
      : h('p', {}, ctx.t('anschluss.leavers.by_case_none')));
}

function filterForm(ctx, catalog, summary, query, onChange) {
  const statuses = [{ value: '', label: ctx.t('anschluss.leavers.all') },
    ...catalog.statuses.map((status) => ({ value: status, label: statusLabel(ctx, status) }))];
  const classes = [{ value: '', label: ctx.t('anschluss.leavers.all') },
    ...summary.by_class.map((item) => ({ value: String(item.class_id), label: item.class_name }))];
  const sorts = SORTS.map((sort) => ({ value: sort, label: ctx.t(`anschluss.leavers.sort_${sort}`) }));
  const certificates = certificateChoices(ctx, catalog);
  certificates[0] = { value: '', label: ctx.t('anschluss.leavers.all') };
  const form = h('form', { class: 'form card filters', id: 'leavers-filter', role: 'search', 'aria-labelledby': 'leavers-filter-h' },
    h('h2', { id: 'leavers-filter-h' }, ctx.t('anschluss.leavers.filters')),
    h('div', { class: 'check' },
      h('input', { type: 'checkbox', id: 'filter-unsecured', name: 'unsecured', checked: query.unsecured === 'true' }),
      h('label', { for: 'filter-unsecured' }, ctx.t('anschluss.leavers.unsecured'))),
    selectField({ id: 'filter-status', name: 'status', label: ctx.t('anschluss.common.status'), options: statuses, value: query.status || '' }),
    selectField({ id: 'filter-class', name: 'class_id', label: ctx.t('anschluss.common.class'), options: classes, value: query.class_id || '' }),
    selectField({ id: 'filter-certificate', name: 'certificate', label: ctx.t('anschluss.common.certificate'), options: certificates, value: query.certificate || '' }),
    selectField({ id: 'filter-sort', name: 'sort', label: ctx.t('anschluss.leavers.sort'), options: sorts, value: query.sort || 'risk' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('anschluss.leavers.apply'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = { sort: data.get('sort') || 'risk' };
    if (data.get('unsecured')) next.unsecured = 'true';
    for (const name of ['status', 'class_id', 'certificate']) if (data.get(name)) next[name] = String(data.get(name));
    onChange(next);
  });
  return form;
}

function leaverTable(ctx, catalog, page) {
  if (!page.items.length) return h('p', { class: 'notice notice--info', id: 'leavers-empty' }, ctx.t('anschluss.leavers.empty'));
  return table({
    id: 'leavers-table', captionId: 'leavers-caption',
    caption: ctx.t('anschluss.leavers.caption', { total: page.total }),
    // What the StuBO acts on first: light, reasons and the Verantwortungskette, then the record.
    columns: [ctx.t('anschluss.common.name'), ctx.t('anschluss.common.light'), ctx.t('anschluss.common.reasons'),
      ctx.t('anschluss.common.case'), ctx.t('anschluss.common.status'), ctx.t('anschluss.common.option'),
      ctx.t('anschluss.common.certificate'), ctx.t('anschluss.common.class')],
    rows: page.items.map((row) => [
      h('a', { href: `#/anschluss/pupils/${row.pupil_id}` }, pupilName(row)),
      lightBadge(ctx, row.traffic_light),
      reasonList(ctx, row.risk_reasons),
      { content: caseLabel(ctx, row.case_status), class: 'case-status' },
      statusLabel(ctx, row.status),
      optionLabel(catalog, row.option_code),
      certificateLabel(catalog, row.expected_certificate),
      row.class_name,
    ]),
  });
}

// Fetched, not linked: the request carries the screen's language, so the file's headers and
// names are in it too (a plain link would send the browser's language).
function exportButtons(ctx, base, exportQuery) {
  const status = h('p', { role: 'status' });
  const download = (kind) => actionButton({
    label: ctx.t(`anschluss.leavers.export_${kind}`), id: `export-${kind}`,
    onClick: async () => {
      status.textContent = '';
      try {
        saveBlob(await ctx.api.download(`${base}/export.${kind}?${exportQuery}`),
          `${ctx.t('anschluss.leavers.export_filename')}.${kind}`);
      } catch (error) {
        status.textContent = errorText(error);
      }
    },
  });
  return h('div', { class: 'actions exports' }, download('csv'), download('xlsx'), status);
}

function queryString(query, extra = {}) {
  return new URLSearchParams({ ...query, ...extra }).toString();
}

export async function render(root, ctx) {
  const catalog = await prepare(ctx);
  const title = ctx.t('anschluss.leavers.title');
  const schoolId = ctx.me.school_id;
  if (!schoolId) {
    replace(root, h('h1', {}, title), h('p', { class: 'notice notice--info' }, ctx.t('anschluss.leavers.no_school')));
    screenReady(root, title);
    return;
  }
  const query = { sort: 'risk', ...ctx.query };
  const page = Number(query.page || 1);
  delete query.page;
  const base = `/schools/${schoolId}/leavers`;
  const [summary, list] = await Promise.all([
    ctx.api.get(`${base}/summary`),
    ctx.api.get(`${base}?${queryString(query, { page, per_page: PER_PAGE })}`),
  ]);
  const pages = Math.max(1, Math.ceil(list.total / PER_PAGE));
  const go = (next, nextPage = 1) => ctx.navigate(`/leavers?${queryString(next, nextPage > 1 ? { page: nextPage } : {})}`);
  const exportQuery = queryString(query);
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('anschluss.leavers.lead')),
    summaryCard(ctx, summary),
    filterForm(ctx, catalog, summary, query, (next) => go(next)),
    exportButtons(ctx, base, exportQuery),
    h('p', { class: 'field-hint' }, ctx.t('anschluss.leavers.export_hint')),
    leaverTable(ctx, catalog, list),
    pager({ page, pages, onPage: (target) => go(query, target) }));
  screenReady(root, title);
}
