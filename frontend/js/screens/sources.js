// "Quellen & Lizenzen": where the reference data comes from and under which licence.

import { h, replace, screenReady } from '../ui.js';

function sourceLink(source) {
  if (/^https?:\/\//.test(source || '')) return h('a', { href: source, rel: 'noopener noreferrer' }, source);
  return source || '';
}

export async function render(root, ctx) {
  const entries = await ctx.api.get('/attributions');
  replace(root,
    h('h1', {}, ctx.t('app.sources.title')),
    h('p', { class: 'lead' }, ctx.t('app.sources.lead')),
    h('ul', { class: 'list', id: 'sources-list' }, entries.map((entry) => h('li', { class: 'list-item' },
      h('h2', { class: 'list-item__title' }, entry.title || entry.file),
      h('p', {}, ctx.lang === 'en' ? (entry.attribution_en || entry.attribution_de) : (entry.attribution_de || entry.attribution_en)),
      h('dl', { class: 'meta' },
        h('dt', {}, ctx.t('app.sources.licence')), h('dd', {}, entry.licence || ''),
        h('dt', {}, ctx.t('app.sources.source')), h('dd', {}, sourceLink(entry.source)),
        entry.file ? [h('dt', {}, ctx.t('app.sources.file')), h('dd', {}, h('code', {}, entry.file))] : null)))),
    h('h2', {}, ctx.t('app.sources.software_heading')),
    h('p', {}, ctx.t('app.sources.software_text')));
  screenReady(root, ctx.t('app.sources.title'));
}
