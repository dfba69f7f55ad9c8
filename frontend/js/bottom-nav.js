// The pupil's bottom navigation on phones: at most five entries (Start, Interessen, Angebote,
// Mein Weg, Mehr); "Mehr" opens a screen with every area. On wider screens the top navigation
// stays and this bar is hidden (css: .bottom-nav). Staff keep the top navigation everywhere.

import { h, replace } from './dom.js';
import { t } from './i18n.js';

export const BOTTOM_NAV = {
  pupil: [
    { path: '/home', label: 'nav.home', icon: 'M3 11.5 12 4l9 7.5V20h-6v-5H9v5H3z' },
    { path: '/interests', label: 'nav.interests', icon: 'M12 3a7 7 0 0 0-4 12.7V19h8v-3.3A7 7 0 0 0 12 3zm-3 18h6' },
    { path: '/offers', label: 'nav.offers', icon: 'M10 4a6 6 0 1 0 3.9 10.6L20 20.7M10 4a6 6 0 0 1 0 12' },
    { path: '/portfolio', label: 'nav.portfolio', icon: 'M5 20V5m0 0h11l-2 3.5L16 12H5' },
    { path: '/more', label: 'nav.more', icon: 'M5 12h.01M12 12h.01M19 12h.01' },
  ],
};

const SVG = 'http://www.w3.org/2000/svg';

function icon(path) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'bottom-nav__icon');
  const line = document.createElementNS(SVG, 'path');
  line.setAttribute('d', path);
  svg.appendChild(line);
  return svg;
}

function currentPath() {
  return (location.hash.replace(/^#/, '').split('?')[0]) || '/';
}

function markCurrent() {
  const path = currentPath();
  document.querySelectorAll('#bottom-nav a').forEach((/** @type {HTMLAnchorElement} */ link) => {
    const target = link.dataset.path;
    const current = path === target || (target !== '/home' && path.startsWith(`${target}/`));
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
}

let listening = false;

/** Draw (or hide) the bar for the signed-in user; `me` is null when nobody is signed in. */
export function renderBottomNav(me) {
  const nav = document.getElementById('bottom-nav');
  if (!nav) return;
  const entries = (me && BOTTOM_NAV[me.role]) || [];
  nav.hidden = entries.length === 0;
  document.body.classList.toggle('has-bottom-nav', entries.length > 0);
  nav.setAttribute('aria-label', t('app.shell.bottom_nav_label'));
  replace(nav, entries.length ? h('ul', { class: 'bottom-nav__list' }, entries.map((entry) => h('li', {},
    h('a', { href: `#${entry.path}`, class: 'bottom-nav__link', dataset: { path: entry.path } },
      icon(entry.icon), h('span', { class: 'bottom-nav__label' }, t(entry.label)))))) : null);
  markCurrent();
  if (!listening) {
    window.addEventListener('hashchange', markCurrent);
    listening = true;
  }
}
