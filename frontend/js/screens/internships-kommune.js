// #/internships/region: the Kommune coordinator approves providers and compares BFE places
// with demand per Berufsfeld; a StuBO sees the same comparison for the own school.

import { actionButton, announce, figuresTable, h, notice, replace, screenReady } from '../ui.js';
import { fieldName, prepare } from './internships-common.js';

const t = (ctx, key, params) => ctx.t(`internships.kommune.${key}`, params);

function pendingList(ctx, providers, reload) {
  if (!providers.length) return notice('info', t(ctx, 'no_pending'));
  return h('ul', { class: 'list', id: 'pending-providers' }, providers.map((provider) => {
    const approve = actionButton({
      label: t(ctx, 'approve'), ariaLabel: t(ctx, 'approve_label', { name: provider.name }), kind: 'button--primary',
      onClick: async () => {
        await ctx.api.post(`/providers/${provider.id}/approve`, {});
        announce(t(ctx, 'approved', { name: provider.name }));
        await reload();
      },
    });
    return h('li', { class: 'list-item' },
      h('h3', { class: 'list-item__title' }, provider.name),
      h('p', { class: 'subtle' }, `${provider.street}, ${provider.postcode} ${provider.city} · ${provider.email || ''}`),
      h('div', { class: 'actions' }, approve));
  }));
}

function supplyTable(ctx, data) {
  const headers = [t(ctx, 'field'), t(ctx, 'offers'), t(ctx, 'places'), t(ctx, 'booked'), t(ctx, 'free'), t(ctx, 'waiting')];
  return [
    h('dl', { class: 'meta figures', id: 'supply-figures' },
      h('dt', {}, t(ctx, 'needing')), h('dd', {}, String(data.pupils_needing_bfe)),
      h('dt', {}, t(ctx, 'missing')), h('dd', {}, String(data.missing_days)),
      h('dt', {}, t(ctx, 'free_total')), h('dd', {}, String(data.total_free)),
      h('dt', {}, t(ctx, 'shortfall')), h('dd', {}, String(data.shortfall))),
    figuresTable('supply-table', t(ctx, 'supply'), headers, data.fields.map((row) => ({
      class: row.short ? 'supply-short' : null,
      cells: [
        [fieldName(ctx, row.berufsfeld), row.short ? h('span', { class: 'badge badge--warn' }, ` ${t(ctx, 'short')}`) : null],
        ...[row.offers, row.places, row.booked, row.free, row.waitlisted].map(String),
      ],
    })))];
}

export async function render(root, ctx) {
  await prepare();
  const title = t(ctx, 'title');
  const content = h('div', {});
  const coordinator = ctx.me.role === 'kommune_coordinator';

  async function reload() {
    const supplyPath = coordinator ? `/kommunen/${ctx.me.kommune_id}/supply-demand` : `/schools/${ctx.me.school_id}/supply-demand`;
    const [pending, supply] = await Promise.all([
      coordinator ? ctx.api.get('/providers?pending=true') : Promise.resolve(null),
      ctx.api.get(supplyPath)]);
    replace(content,
      pending ? h('section', { 'aria-labelledby': 'pending-h' }, h('h2', { id: 'pending-h' }, t(ctx, 'pending')),
        pendingList(ctx, pending, reload)) : null,
      h('section', { 'aria-labelledby': 'supply-h' }, h('h2', { id: 'supply-h' }, t(ctx, 'supply')),
        h('p', {}, t(ctx, 'supply_lead')), ...supplyTable(ctx, supply)));
  }

  replace(root, h('h1', {}, title), content);
  await reload();
  screenReady(root, title);
}
