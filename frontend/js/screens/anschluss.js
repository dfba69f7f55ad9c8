// Teacher: the classes they teach, each linking to its Anschluss overview.

import { h, replace, screenReady } from '../ui.js';
import { prepare } from './anschluss-common.js';

export async function render(root, ctx) {
  await prepare(ctx);
  const title = ctx.t('anschluss.classes.title');
  const classes = ctx.me.school_id ? await ctx.api.get(`/schools/${ctx.me.school_id}/classes`) : [];
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('anschluss.classes.lead')),
    classes.length
      ? h('ul', { class: 'list', id: 'anschluss-classes' }, classes.map((item) => h('li', { class: 'list-item' },
        h('a', { href: `#/anschluss/classes/${item.id}` }, `${item.name} (${item.school_year})`))))
      : h('p', { class: 'notice notice--info' }, ctx.t('anschluss.classes.none')));
  screenReady(root, title);
}
