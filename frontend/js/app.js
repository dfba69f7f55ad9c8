// The shell: session state, hash router, role-aware navigation, language switch, logout.

import { api, forgetCsrfToken, isOffline, onUnauthorized } from './api.js';
import { getLanguage, loadNamespace, setLanguage, t } from './i18n.js';
import { allowed, match, navFor } from './routes.js';
import { announce, errorText, h, replace, screenReady } from './ui.js';
import { clearAll, flushOutbox, onOutboxResult } from './drafts.js';
import { refreshInboxBadge } from './screens/inbox-badge.js';
import { setServerToday } from './clock.js';

const ME_SNAPSHOT = 'anschluss.me';
const state = { me: null, renderToken: 0, offline: !navigator.onLine };

function parseHash() {
  let raw = location.hash.replace(/^#/, '');
  try { raw = decodeURI(raw); } catch { /* malformed escape: use as is */ }
  raw = raw || '/';
  const [path, queryString] = raw.split('?');
  return { path: path || '/', query: Object.fromEntries(new URLSearchParams(queryString || '')) };
}

export function navigate(path) {
  if (location.hash === `#${path}`) route();
  else location.hash = path;
}

function rememberMe(me) {
  state.me = me;
  if (me) setServerToday(me.today);
  try {
    if (me) {
      const { id, role, display_name: displayName, first_name: firstName, school_id: schoolId,
        class_ids: classIds } = me;
      localStorage.setItem(ME_SNAPSHOT, JSON.stringify({
        id, role, display_name: displayName, first_name: firstName, school_id: schoolId,
        class_ids: classIds, snapshot: true,
      }));
    } else {
      localStorage.removeItem(ME_SNAPSHOT);
    }
  } catch { /* storage unavailable: stay in memory */ }
}

async function loadMe() {
  try {
    rememberMe(await api.get('/auth/me'));
  } catch (error) {
    if (error.status === 0 || error.status >= 500) {
      // Offline: keep working with the last known account (no personal data beyond names).
      try { state.me = JSON.parse(localStorage.getItem(ME_SNAPSHOT) || 'null'); } catch { state.me = null; }
    } else {
      rememberMe(null);
    }
  }
}

function renderShell() {
  const role = state.me ? state.me.role : null;
  document.getElementById('skip-link').textContent = t('app.shell.skip');
  document.getElementById('app-name').setAttribute('aria-label', t('app.shell.home_link'));
  const langButton = document.getElementById('lang-switch');
  const other = getLanguage() === 'de' ? 'en' : 'de';
  langButton.textContent = t(`app.shell.language_${other}`);
  langButton.setAttribute('lang', other);
  langButton.setAttribute('aria-label', t('app.shell.language_switch', { language: t(`app.shell.language_${other}`) }));
  const logout = document.getElementById('logout');
  logout.textContent = t('app.shell.logout');
  logout.hidden = !state.me;
  document.getElementById('footer-sources').textContent = t('app.footer.sources');
  document.getElementById('footer-a11y').textContent = t('app.footer.accessibility');
  document.getElementById('offline-banner').textContent = t('app.shell.offline');
  document.getElementById('offline-banner').hidden = !state.offline;
  const nav = document.getElementById('app-nav');
  nav.setAttribute('aria-label', t('app.shell.nav_label'));
  const entries = navFor(role);
  nav.hidden = !state.me || entries.length === 0;
  replace(document.getElementById('app-nav-list'), entries.map((entry) => h('li', {},
    h('a', { href: `#${entry.path}`, dataset: { path: entry.path } }, t(entry.nav)))));
  markCurrentNav();
}

function markCurrentNav() {
  refreshInboxBadge(state.me).catch(() => {}); // header link with the unread count
  const { path } = parseHash();
  document.querySelectorAll('#app-nav-list a').forEach((/** @type {HTMLAnchorElement} */ link) => {
    const target = link.dataset.path;
    const current = path === target || (target !== '/home' && path.startsWith(`${target}/`));
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  });
}

function context(params, query) {
  return {
    me: state.me, params, query, navigate, t, api, lang: getLanguage(), offline: state.offline,
    /** A screen that logged the user in hands over the account summary. */
    async signedIn(me) {
      rememberMe(me);
      renderShell();
      flushOutbox().catch(() => {});
    },
    async refreshMe() {
      await loadMe();
      renderShell();
      return state.me;
    },
  };
}

function simpleScreen(section, titleKey, textKey) {
  replace(section, h('h1', {}, t(titleKey)), h('p', {}, t(textKey)),
    h('p', {}, h('a', { href: state.me ? '#/home' : '#/login' }, t('app.common.to_start'))));
  screenReady(section, t(titleKey));
}

async function route() {
  const token = ++state.renderToken;
  const { path, query } = parseHash();
  if (path === '/') { navigate(state.me ? '/home' : '/login'); return; }
  const role = state.me ? state.me.role : null;
  const found = match(path);
  const main = document.getElementById('main');
  const section = h('section', { class: 'screen', id: 'screen', 'aria-busy': 'true' });
  if (found && !allowed(found.route, role)) {
    if (!state.me) {
      const next = location.hash.replace(/^#/, '');
      navigate(`/login?next=${encodeURIComponent(next)}`);
      return;
    }
    if (found.route.roles === 'anonymous') { navigate('/home'); return; }
  }
  main.replaceChildren(section);
  markCurrentNav();
  try {
    if (!found) {
      simpleScreen(section, 'app.errors.not_found_title', 'app.errors.not_found_text');
    } else if (!allowed(found.route, role)) {
      simpleScreen(section, 'app.errors.forbidden_title', 'app.errors.forbidden_text');
    } else {
      const module = await import(found.route.module);
      if (token !== state.renderToken) return;
      await module.render(section, context(found.params, query));
    }
  } catch (error) {
    if (token !== state.renderToken) return;
    console.error(error);
    if (error && error.status === 401) return; // the unauthorized handler navigates
    replace(section, h('h1', {}, t(isOffline(error) ? 'app.errors.offline_title' : 'app.errors.failed_title')),
      h('p', { role: 'alert' }, errorText(error)));
    screenReady(section, t('app.errors.failed_title'));
  } finally {
    if (token === state.renderToken) {
      section.removeAttribute('aria-busy');
      if (!main.contains(document.activeElement)) {
        const heading = section.querySelector('h1');
        if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus(); } else main.focus();
      }
    }
  }
}

async function clearClientData() {
  if (window.caches) {
    const keys = await caches.keys();
    await Promise.all(keys.map((key) => caches.delete(key)));
  }
  await clearAll();
  const lang = localStorage.getItem('lang');
  localStorage.clear();
  if (lang) localStorage.setItem('lang', lang);
  sessionStorage.clear();
}

async function logout() {
  const button = /** @type {HTMLButtonElement} */ (document.getElementById('logout'));
  button.disabled = true;
  try {
    await clearClientData();
    try { await api.post('/auth/logout'); } catch (error) { console.warn('logout', error); }
  } finally {
    button.disabled = false;
    forgetCsrfToken();
    state.me = null;
    renderShell();
    navigate('/login');
    announce(t('app.shell.logged_out'));
  }
}

async function switchLanguage() {
  await setLanguage(getLanguage() === 'de' ? 'en' : 'de');
  renderShell();
  await route();
}

function watchConnection() {
  const update = () => {
    state.offline = !navigator.onLine;
    document.getElementById('offline-banner').hidden = !state.offline;
    if (!state.offline && state.me) flushOutbox().catch(() => {});
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onOutboxResult(({ status }) => {
    if (status === 'sent') announce(t('app.outbox.sent'));
    if (status === 'rejected' || status === 'failed') announce(t('app.outbox.rejected'));
  });
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // Logout empties Cache Storage; the next start fills the shell cache again.
      if (registration.active) registration.active.postMessage({ type: 'ensure-shell' });
    })
    .catch((error) => console.warn('service worker', error));
}

async function start() {
  // The shell's texts and the problem texts: errors can happen on any screen.
  await Promise.all([loadNamespace('app'), loadNamespace('problems')]);
  onUnauthorized(() => {
    if (!state.me) return;
    rememberMe(null);
    renderShell();
    const next = location.hash.replace(/^#/, '');
    navigate(`/login?next=${encodeURIComponent(next)}`);
    announce(t('app.shell.session_ended'));
  });
  await loadMe();
  renderShell();
  document.getElementById('logout').addEventListener('click', logout);
  document.getElementById('lang-switch').addEventListener('click', switchLanguage);
  window.addEventListener('hashchange', route);
  watchConnection();
  await route();
  registerServiceWorker();
  if (state.me) flushOutbox().catch(() => {});
}

start();
