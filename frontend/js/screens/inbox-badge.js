// The inbox link with the unread count in the shell header. The shell calls
// refreshInboxBadge(me) after rendering and on every route change; while the page is visible
// the count is also refreshed every minute.

import { api } from '../api.js';
import { loadNamespace, t } from '../i18n.js';
import { ensureStylesheet, h } from '../ui.js';

const REFRESH_MS = 60000;
let timer = null;
let currentUser = null;

function link() {
  let anchor = document.getElementById('inbox-link');
  if (!anchor) {
    const actions = document.querySelector('.app-header__actions');
    if (!actions) return null;
    // Named from the start: the unread count arrives later, the link is usable at once.
    anchor = h('a', { id: 'inbox-link', class: 'inbox-link', href: '#/inbox', 'aria-label': t('notifications.badge_label') },
      h('span', { class: 'inbox-link__icon', 'aria-hidden': 'true' }, '✉'),
      h('span', { class: 'inbox-link__count', id: 'inbox-count', hidden: true }));
    actions.prepend(anchor);
  }
  return anchor;
}

function show(anchor, unread) {
  const count = anchor.querySelector('#inbox-count');
  count.textContent = unread > 99 ? '99+' : String(unread);
  count.hidden = unread === 0;
  anchor.setAttribute('aria-label', unread
    ? t('notifications.badge_label_unread', { count: unread }) : t('notifications.badge_label'));
}

export async function refreshInboxBadge(me) {
  currentUser = me;
  const existing = document.getElementById('inbox-link');
  if (!me || me.snapshot) {
    if (existing) existing.remove();
    return;
  }
  await Promise.all([loadNamespace('notifications'), ensureStylesheet('/css/inbox.css')]);
  const anchor = link();
  if (!anchor) return;
  if (location.hash.startsWith('#/inbox')) anchor.setAttribute('aria-current', 'page');
  else anchor.removeAttribute('aria-current');
  try {
    const page = await api.get('/me/notifications?per_page=1');
    show(anchor, page.unread);
  } catch {
    show(anchor, 0);
  }
  if (!timer) {
    timer = setInterval(() => {
      if (document.visibilityState === 'visible' && currentUser) {
        refreshInboxBadge(currentUser).catch(() => {});
      }
    }, REFRESH_MS);
  }
}
