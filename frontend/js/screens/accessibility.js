// Erklärung zur Barrierefreiheit (accessibility statement), text from the catalogs.

import { h, replace, screenReady } from '../ui.js';

const SECTIONS = ['scope', 'status', 'known', 'feedback', 'enforcement'];

export async function render(root, ctx) {
  replace(root,
    h('h1', {}, ctx.t('app.a11y.title')),
    h('p', { class: 'lead' }, ctx.t('app.a11y.lead')),
    SECTIONS.map((section) => h('section', { 'aria-labelledby': `a11y-${section}` },
      h('h2', { id: `a11y-${section}` }, ctx.t(`app.a11y.${section}.heading`)),
      h('p', {}, ctx.t(`app.a11y.${section}.text`)))),
    h('p', { class: 'subtle' }, ctx.t('app.a11y.date')));
  screenReady(root, ctx.t('app.a11y.title'));
}
