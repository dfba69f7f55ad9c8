// #/more: every area of the signed-in pupil, for the "Mehr" entry of the bottom navigation.

import { navFor } from '../routes.js';
import { h, replace, screenReady } from '../ui.js';

export async function render(root, ctx) {
  const entries = navFor(ctx.me.role).filter((route) => route.path !== '/home');
  replace(root,
    h('h1', {}, ctx.t('app.more.title')),
    h('p', { class: 'lead' }, ctx.t('app.more.lead')),
    h('ul', { class: 'more-list', id: 'more-list' }, entries.map((route) => h('li', {},
      h('a', { href: `#${route.path}`, class: 'more-list__link' }, ctx.t(route.nav))))));
  screenReady(root, ctx.t('app.more.title'));
}
