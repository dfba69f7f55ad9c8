// Role-aware start page: one tile per capability; tiles of capabilities that are not
// there yet (no registered route) show as "coming soon".

import { hasKey, loadNamespace } from '../i18n.js';
import { ROUTES, allowed, navFor } from '../routes.js';
import { h, replace, screenReady } from '../ui.js';
import { renderPupilHome } from './home-pupil.js';
import { staffTodo } from './home-staff.js';

// Tiles per role: i18n key base (app.home.tiles.<key>.title / .text) and target path.
// Every further navigation entry of the role gets a tile too (after these).
export const TILES = {
  pupil: [
    { key: 'interests', path: '/interests' },
    { key: 'portfolio', path: '/portfolio' },
    { key: 'internships', path: '/offers' },
    { key: 'anschluss', path: '/my-anschluss' },
  ],
  teacher: [
    { key: 'classes', path: '/classes' },
    { key: 'class_progress', path: '/progress' },
    { key: 'class_internships', path: '/internships' },
    { key: 'cohort', path: '/anschluss' },
  ],
  stubo: [
    { key: 'school_classes', path: '/classes' },
    { key: 'cohort', path: '/leavers' },
    { key: 'class_progress', path: '/progress' },
    { key: 'school_internships', path: '/internships' },
  ],
  bk_coordinator: [{ key: 'incoming', path: '/incoming' }, { key: 'cases', path: '/cases' }],
  recipient_coordinator: [{ key: 'cases', path: '/cases' }],
  kommune_coordinator: [
    { key: 'cases', path: '/cases' },
    { key: 'region', path: '/kommune' },
  ],
  provider: [{ key: 'offers', path: '/provider' }],
  admin: [{ key: 'classes', path: '/classes' }],
};

const COMMON = [{ key: 'passkeys', path: '/passkeys' }];

function routeFor(path) {
  return ROUTES.find((route) => route.path === path);
}

/** Navigation entries of the role that no fixed tile covers. */
function extraTiles(role, fixed) {
  const covered = new Set(['/home', ...fixed.map((item) => item.path)]);
  return navFor(role).filter((route) => !covered.has(route.path)).map((route) => ({
    key: `nav${route.path.replace(/[^a-z0-9]+/gi, '-')}`, path: route.path, nav: route.nav,
  }));
}

function tile(ctx, { key, path, nav }) {
  const route = routeFor(path);
  const ready = route && allowed(route, ctx.me.role);
  const titleId = `tile-${key}`;
  const title = hasKey(`app.home.tiles.${key}.title`) ? ctx.t(`app.home.tiles.${key}.title`) : ctx.t(nav);
  const text = hasKey(`app.home.tiles.${key}.text`) ? ctx.t(`app.home.tiles.${key}.text`) : '';
  if (ready) {
    return h('li', { class: 'tile' },
      h('a', { href: `#${path}`, class: 'tile__link', 'aria-describedby': text ? `${titleId}-text` : null },
        h('span', { class: 'tile__title', id: titleId }, title)),
      text ? h('p', { class: 'tile__text', id: `${titleId}-text` }, text) : null);
  }
  return h('li', { class: 'tile tile--soon' },
    h('span', { class: 'tile__title', id: titleId }, title),
    h('p', { class: 'tile__text' }, text),
    h('p', { class: 'tile__badge' }, ctx.t('app.home.soon')));
}

export async function render(root, ctx) {
  const name = ctx.me.display_name || ctx.me.first_name || ctx.me.username || '';
  const fixed = [...(TILES[ctx.me.role] || []), ...COMMON];
  const tiles = [...fixed.slice(0, -1), ...extraTiles(ctx.me.role, fixed), ...COMMON];
  const passkeyHint = ctx.me.passkey_count === 0
    ? h('p', { class: 'notice notice--info' }, ctx.t('app.home.no_passkey'), ' ',
      h('a', { href: '#/passkeys' }, ctx.t('app.home.add_passkey')))
    : null;
  const heading = h('h1', {}, name ? ctx.t('app.home.greeting', { name }) : ctx.t('app.home.title'));
  const tileList = h('ul', { class: 'tiles', 'aria-labelledby': 'tiles-heading' }, tiles.map((item) => tile(ctx, item)));
  if (ctx.me.role === 'pupil') {
    await loadNamespace('home'); // the heading below is in it (home-pupil.js loads it too late)
    // The pupil's home leads with their next steps; the areas follow as links.
    const more = h('section', { 'aria-labelledby': 'tiles-heading' },
      h('h2', { id: 'tiles-heading' }, ctx.t('home.more')), tileList);
    await renderPupilHome(root, ctx, { heading, passkeyHint, more });
    return;
  }
  // Class teachers and StuBOs start with what waits for them; the areas follow.
  const todo = ['teacher', 'stubo'].includes(ctx.me.role) ? await staffTodo(ctx) : null;
  replace(root,
    heading,
    h('p', { class: 'lead' }, ctx.t(`app.home.role_intro.${ctx.me.role}`)),
    todo,
    passkeyHint,
    h('h2', { class: 'visually-hidden', id: 'tiles-heading' }, ctx.t('app.home.tiles_heading')),
    tileList);
  screenReady(root, ctx.t('app.home.title'));
}
