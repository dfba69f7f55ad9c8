// Kommune coordinator: approve the companies whose Ausbildungsplätze wait for approval, and
// compare places with the unplaced young people per Berufsfeld (small numbers hidden).

import { actionButton, announce, figuresTable, h, notice, replace, screenReady } from '../ui.js';
import { fieldName } from './internships-common.js';
import { facts, prepare } from './vacancies-common.js';

const t = (ctx, key, params) => ctx.t(`vacancies.kommune.${key}`, params);
const MASKED = 'masked';

function shown(ctx, value) {
  return value === MASKED ? t(ctx, 'masked') : value;
}

function pendingList(ctx, vacancies, reload) {
  if (!vacancies.length) return notice('info', t(ctx, 'no_pending'));
  const byProvider = new Map();
  vacancies.forEach((v) => byProvider.set(v.provider_id, [...(byProvider.get(v.provider_id) || []), v]));
  return h('ul', { class: 'list', id: 'pending-vacancies' }, [...byProvider.values()].map((own) => {
    const name = own[0].employer_name;
    return h('li', { class: 'list-item' },
      h('h3', { class: 'list-item__title' }, name),
      own.map((vacancy) => [h('h4', {}, vacancy.title), facts(ctx, vacancy)]),
      h('div', { class: 'actions' }, actionButton({
        label: t(ctx, 'approve'), ariaLabel: t(ctx, 'approve_for', { name }), kind: 'button--primary',
        onClick: async () => {
          await ctx.api.post(`/providers/${own[0].provider_id}/approve`, {});
          announce(t(ctx, 'approved', { name }));
          await reload();
        },
      })));
  }));
}

function supplyTable(ctx, data) {
  const headers = [ctx.t('vacancies.common.field'), t(ctx, 'vacancies'), t(ctx, 'places'), t(ctx, 'interested'), t(ctx, 'youths')];
  return [
    h('p', { id: 'vacancy-supply-totals' }, t(ctx, 'totals', {
      vacancies: data.total_vacancies, places: data.total_places, youths: shown(ctx, data.total_unplaced_youths),
    })),
    figuresTable('vacancy-supply-table', t(ctx, 'supply'), headers, data.rows.map((row) => ({
      class: row.short ? 'supply-short' : null,
      cells: [
        [row.berufsfeld === 'none' ? ctx.t('vacancies.common.no_field') : fieldName(ctx, row.berufsfeld),
          row.short ? h('span', { class: 'badge badge--warn' }, ` ${t(ctx, 'short')}`) : null],
        String(row.vacancies), String(row.places), shown(ctx, row.interested), shown(ctx, row.unplaced_youths),
      ],
    })))];
}

export async function render(root, ctx) {
  await prepare();
  const title = t(ctx, 'title');
  const content = h('div', {});
  async function reload() {
    const [pending, supply] = await Promise.all([
      ctx.api.get('/vacancies?pending=true&per_page=200'),
      ctx.api.get(`/kommunen/${ctx.me.kommune_id}/vacancy-supply`)]);
    replace(content,
      h('section', { 'aria-labelledby': 'pending-vacancies-h' },
        h('h2', { id: 'pending-vacancies-h' }, t(ctx, 'pending')), pendingList(ctx, pending.items, reload)),
      h('section', { 'aria-labelledby': 'vacancy-supply-h' },
        h('h2', { id: 'vacancy-supply-h' }, t(ctx, 'supply')), h('p', {}, t(ctx, 'supply_lead')), ...supplyTable(ctx, supply)));
  }
  await reload();
  replace(root, h('h1', {}, title), h('p', { class: 'lead' }, t(ctx, 'lead')), content);
  screenReady(root, title);
}
