// Pupil: what my guardians did through their link, and (from 14) what they may see.

import { loadNamespace } from '../i18n.js';
import { busy, formatDateTime, h, notice, table } from '../ui.js';

const SECTIONS = ['plan', 'bookings', 'agreement'];

function uses(ctx, rows) {
  if (!rows.length) return h('p', {}, ctx.t('guardian.pupil.none'));
  return table({
    labelledBy: 'guardian-uses-h', rowHeader: -1,
    columns: [ctx.t('guardian.pupil.when'), ctx.t('guardian.pupil.what')],
    rows: rows.map((use) => [
      formatDateTime(use.at, ctx.lang),
      [ctx.t(`guardian.pupil.action.${use.action}`), use.subject].filter(Boolean).join(': '),
    ]),
  });
}

function sharingForm(ctx, sharing, reload) {
  if (sharing.guardians_decide) return h('p', { class: 'notice notice--info' }, ctx.t('guardian.pupil.sharing_by_law'));
  const form = h('form', { class: 'form', id: 'guardian-sharing-form', novalidate: true },
    h('fieldset', {}, h('legend', {}, ctx.t('guardian.pupil.sharing_legend')),
      SECTIONS.map((section) => h('div', { class: 'checkbox' },
        h('input', { type: 'checkbox', id: `share-${section}`, name: section, checked: sharing[`share_${section}`] }),
        h('label', { for: `share-${section}` }, ctx.t(`guardian.pupil.share_${section}`))))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--secondary' }, ctx.t('guardian.pupil.save'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = Object.fromEntries(SECTIONS.map((section) => [`share_${section}`,
      /** @type {HTMLInputElement} */ (form.querySelector(`#share-${section}`)).checked]));
    busy(form.querySelector('button[type=submit]'), async () => {
      await ctx.api.put('/me/guardian-sharing', body);
      await reload(ctx.t('guardian.pupil.saved'));
    });
  });
  return form;
}

export async function guardianSection(ctx, rows, reload) {
  const [sharing] = await Promise.all([ctx.api.get('/me/guardian-sharing'), loadNamespace('guardian')]);
  return h('section', { class: 'card', 'aria-labelledby': 'guardian-uses-h' },
    h('h2', { id: 'guardian-uses-h' }, ctx.t('guardian.pupil.heading')),
    h('p', {}, ctx.t('guardian.pupil.lead')),
    uses(ctx, rows),
    h('h3', {}, ctx.t('guardian.pupil.sharing_heading')),
    sharingForm(ctx, sharing, reload),
    rows.length ? null : notice('info', ctx.t('guardian.pupil.ask_school')));
}
