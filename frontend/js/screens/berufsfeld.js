// #/berufsfelder/:code: what a Berufsfeld is about, its occupations (tappable) and
// "Praktikum dazu finden" (offers of that field).

import { loadNamespace } from '../i18n.js';
import { ensureStylesheet, h, replace, screenReady } from '../ui.js';
import { offersLink } from './occupation.js';

export async function render(root, ctx) {
  await Promise.all([loadNamespace('occupations'), ensureStylesheet('/css/interests.css')]);
  const field = await ctx.api.get(`/berufsfelder/${encodeURIComponent(ctx.params.code)}`);
  replace(root,
    h('p', {}, h('a', { href: '#/interests/results' }, ctx.t('occupations.back_results'))),
    h('h1', {}, field.text),
    h('p', { class: 'lead' }, ctx.lang === 'en' ? field.reason_en : field.reason_de),
    h('div', { class: 'actions' }, offersLink(ctx, field.kuerzel, field.text)),
    h('h2', { id: 'field-occupations-heading' }, ctx.t('occupations.field_heading')),
    field.occupations.length
      ? h('div', {}, h('p', {}, ctx.t('occupations.field_intro')),
        h('ul', { class: 'list', id: 'field-occupations', 'aria-labelledby': 'field-occupations-heading' },
          field.occupations.map((occupation) => h('li', { class: 'list-item' },
            h('a', { href: `#/occupations/${occupation.id}`, class: 'list-item__title' }, occupation.title),
            occupation.description ? h('p', { class: 'subtle', lang: 'de' }, occupation.description) : null))))
      : h('p', {}, ctx.t('occupations.field_none')));
  screenReady(root, field.text);
}
