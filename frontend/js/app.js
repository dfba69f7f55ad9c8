// The shell: session state, hash router, role-aware navigation, language switch, logout.

import { api, forgetCsrfToken, isOffline, onUnauthorized } from './api.js';
import {
  LANGUAGES, LANGUAGE_NAMES, STAFF_LANGUAGES, getLanguage, loadNamespace, setLanguage, t,
} from './i18n.js';
import { allowed, match, navFor } from './routes.js';
import { announce, confirmBox, errorText, h, replace, screenReady } from './ui.js';
import { flushOutbox, onOutboxResult } from './drafts.js';
import {
  clearDevice, endServerSession, finishLogout, forgetAccount, onAccountChangedElsewhere, rememberAccount,
  snapshotAccount, unsentChanges,
} from './device-data.js';
import { checkShell, renderUpdateNotice, startServiceWorker } from './sw-client.js';
import { refreshInboxBadge } from './screens/inbox-badge.js';
import { renderBottomNav } from './bottom-nav.js';
import { setServerToday } from './clock.js';

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

/** The server confirmed who is signed in: the page and the device's offline data are theirs. */
async function signedInAs(me) {
  state.me = me;
  const offered = me.role === 'pupil' ? LANGUAGES : STAFF_LANGUAGES;
  if (me.language && me.language !== getLanguage() && offered.includes(me.language)) await setLanguage(me.language);
  else if (!offered.includes(getLanguage())) await setLanguage('de');
  setServerToday(me.today);
  await rememberAccount(me);
}

/** The session has ended: nothing of the account stays on screen, in memory or in reach. */
function sessionEnded() {
  state.me = null;
  forgetAccount();
}

async function loadMe() {
  await finishLogout(); // a logout made offline ends that session before anything else
  try {
    await signedInAs(await api.get('/auth/me'));
  } catch (error) {
    if (error.status === 0 || error.status >= 500) {
      // Offline: keep working with the last confirmed account while its session can be alive.
      state.me = await snapshotAccount();
    } else {
      sessionEnded();
    }
  }
}

function renderShell() {
  const role = state.me ? state.me.role : null;
  // Staff screens are tables and lists of many pupils: they get the width of a desktop screen.
  document.body.dataset.audience = role && role !== 'pupil' ? 'staff' : 'pupil';
  document.getElementById('skip-link').textContent = t('app.shell.skip');
  document.getElementById('app-name').setAttribute('aria-label', t('app.shell.home_link'));
  renderLanguageChoice(role);
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
  renderBottomNav(state.me);
  renderUpdateNotice();
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
      await signedInAs(me); // another account's offline data is deleted before anything renders
      renderShell();
      flushOutbox().catch(() => {});
      checkShell().catch(() => {}); // offline after this login needs the whole app precached
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
  // Someone else set this password: nothing else works until it is changed (the API agrees).
  if (state.me && state.me.must_change_password && path !== '/password') { navigate('/password'); return; }
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

/** Logging out deletes changes made offline that wait to be sent: say so first. */
async function confirmLogout() {
  if ((await unsentChanges()) === 0) return true;
  const main = document.getElementById('main');
  const screen = document.getElementById('screen');
  return new Promise((resolve) => {
    const close = (answer) => { box.remove(); resolve(answer); };
    const box = confirmBox({
      id: 'logout-question',
      question: t(state.me && state.me.role === 'pupil' ? 'app.logout.unsent_pupil' : 'app.logout.unsent_staff'),
      confirmLabel: t('app.logout.confirm'),
      onConfirm: () => close(true),
      onCancel: () => close(false),
    });
    box.id = 'logout-confirm';
    main.insertBefore(box, screen);
  });
}

async function logout() {
  const button = /** @type {HTMLButtonElement} */ (document.getElementById('logout'));
  if (document.getElementById('logout-confirm') || !(await confirmLogout())) return;
  button.disabled = true;
  try {
    await clearDevice();
    await endServerSession();
  } finally {
    button.disabled = false;
    forgetCsrfToken();
    state.me = null;
    renderShell();
    navigate('/login');
    announce(t('app.shell.logged_out'));
  }
}

/** The language menu: pupils and visitors (guardians) get every language, staff German and English.
 * Each option names its language in that language (lang attribute for screen readers). */
function renderLanguageChoice(role) {
  const choice = /** @type {HTMLSelectElement} */ (document.getElementById('lang-switch'));
  const offered = role && role !== 'pupil' ? STAFF_LANGUAGES : LANGUAGES;
  document.getElementById('lang-switch-label').textContent = t('app.shell.language_choice');
  replace(choice, offered.map((code) => h('option', { value: code, lang: code === 'de-LS' ? 'de' : code },
    LANGUAGE_NAMES[code])));
  choice.value = offered.includes(getLanguage()) ? getLanguage() : 'de';
}

async function switchLanguage() {
  const next = /** @type {HTMLSelectElement} */ (document.getElementById('lang-switch')).value;
  await setLanguage(next);
  if (state.me) await api.put('/me/language', { language: next }).catch(() => {});
  renderShell();
  await route();
}

function watchConnection() {
  const update = () => {
    state.offline = !navigator.onLine;
    document.getElementById('offline-banner').hidden = !state.offline;
    if (state.offline) return;
    finishLogout().catch(() => {});
    checkShell().catch(() => {});
    if (state.me) flushOutbox().catch(() => {});
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onOutboxResult(({ status }) => {
    if (status === 'sent') announce(t('app.outbox.sent'));
    if (status === 'rejected' || status === 'failed') announce(t('app.outbox.rejected'));
  });
}

// Others act meanwhile (a teacher confirms, a company marks attendance): a screen the user comes
// back to after REFRESH_AFTER_MS away is loaded afresh — unless they had typed into it, which a
// reload would throw away.
const REFRESH_AFTER_MS = 30000;
const away = { since: 0, typed: false };

function refreshOnReturn() {
  document.getElementById('main').addEventListener('input', () => { away.typed = true; });
  window.addEventListener('hashchange', () => { away.typed = false; });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') { away.since = Date.now(); return; }
    const long = away.since && Date.now() - away.since > REFRESH_AFTER_MS;
    away.since = 0;
    if (long && state.me && !state.offline && !away.typed) route();
  });
}

async function start() {
  onUnauthorized(() => {
    if (!state.me) return;
    sessionEnded();
    renderShell();
    const next = location.hash.replace(/^#/, '');
    navigate(`/login?next=${encodeURIComponent(next)}`);
    announce(t('app.shell.session_ended'));
  });
  // The shell's texts and the problem texts (errors can happen on any screen), and who is signed
  // in, at the same time: a warm start waits for one round trip to the server, not two.
  await Promise.all([loadNamespace('app'), loadNamespace('problems'), loadMe()]);
  // Another tab logged out or signed someone else in: this page is no longer its user's.
  onAccountChangedElsewhere(() => (state.me ? state.me.id : null), () => location.reload());
  renderShell();
  document.getElementById('logout').addEventListener('click', logout);
  document.getElementById('lang-switch').addEventListener('change', switchLanguage);
  window.addEventListener('hashchange', route);
  watchConnection();
  refreshOnReturn();
  await route();
  startServiceWorker();
  if (state.me) flushOutbox().catch(() => {});
}

start();
