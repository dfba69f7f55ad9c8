// What this device keeps for whom: the account snapshot that lets the app start offline, the
// binding of the offline stores (drafts.js) to that account, and what a logout or an ended session
// leaves behind. The rules (docs/offline.md): personal data on the device belongs to one account;
// it is deleted at logout and as soon as another account signs in; after the session has ended
// it is neither shown nor sent until the same account signs in again.

import { api, isOffline } from './api.js';
import { clearAll, leaveAccount, outboxItems, useAccount } from './drafts.js';

const ME_SNAPSHOT = 'anschluss.me';
// A logout made offline could not end the server session: the next start online does.
const LOGOUT_PENDING = 'anschluss-logout-pending';
const LOGOUT_RETRY_MS = 5000;
// The server ends every session 12 hours after login at the latest (SESSION_ABSOLUTE_TIMEOUT in
// app/config.py): a snapshot the server has not confirmed for longer belongs to an ended session.
const SNAPSHOT_TRUSTED_MS = 12 * 60 * 60 * 1000;
// Cache Storage caches the service worker fills with the app's own files (no personal data).
const SHELL_CACHE_PREFIX = 'anschluss-shell-';

function storage(action) {
  try { return action(); } catch { return null; } // storage unavailable: stay in memory
}

/** The server confirmed `me`: remember who uses this device and bind the offline stores to them. */
export async function rememberAccount(me) {
  const { id, role, display_name: displayName, first_name: firstName, school_id: schoolId,
    class_ids: classIds } = me;
  storage(() => localStorage.setItem(ME_SNAPSHOT, JSON.stringify({
    id, role, display_name: displayName, first_name: firstName, school_id: schoolId,
    class_ids: classIds, snapshot: true, confirmedAt: Date.now(),
  })));
  storage(() => localStorage.removeItem(LOGOUT_PENDING)); // this login is not to be ended
  await useAccount(id);
}

/**
 * Offline start: the last confirmed account, if its session can still be alive; otherwise the
 * snapshot is forgotten like an ended session. Binds the offline stores to the account.
 * @returns {Promise<object | null>}
 */
export async function snapshotAccount() {
  const snapshot = storage(() => JSON.parse(localStorage.getItem(ME_SNAPSHOT) || 'null'));
  if (!snapshot || typeof snapshot.id !== 'number'
      || !(Date.now() - snapshot.confirmedAt < SNAPSHOT_TRUSTED_MS)) {
    forgetAccount();
    return null;
  }
  await useAccount(snapshot.id);
  return snapshot;
}

/** The session has ended (401 or expiry): nothing of the account is shown or sent any more. */
export function forgetAccount() {
  storage(() => localStorage.removeItem(ME_SNAPSHOT));
  leaveAccount();
}

/** How many changes made offline still wait to be sent (lost by a logout). */
export async function unsentChanges() {
  try { return (await outboxItems()).length; } catch { return 0; }
}

/**
 * Logout on this device: every account's drafts and outbox, every cache but the app's own files,
 * storage except the chosen language. The app shell stays: it is the same for everybody, and
 * offline after the next login depends on it (the service worker refills it if anything is lost).
 */
export async function clearDevice() {
  forgetAccount();
  await clearAll();
  await endPushSubscription();
  if (window.caches) {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => !name.startsWith(SHELL_CACHE_PREFIX))
      .map((name) => caches.delete(name)));
  }
  storage(() => {
    const lang = localStorage.getItem('lang');
    localStorage.clear();
    if (lang) localStorage.setItem('lang', lang);
    sessionStorage.clear();
  });
}

/** This device's push subscription ends with the login (the server drops it at logout too). */
async function endPushSubscription() {
  try {
    if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return;
    const registration = await navigator.serviceWorker.ready;
    const subscription = registration.pushManager && await registration.pushManager.getSubscription();
    if (subscription) await subscription.unsubscribe();
  } catch { /* no push support: nothing to end */ }
}

/**
 * End the server session; offline, remember to end it at the next chance (finishLogout).
 * @param {string} [csrfToken] pin the request to the session of this token (see api.js)
 */
export async function endServerSession(csrfToken) {
  try {
    await api.post('/auth/logout', undefined, { csrfToken });
  } catch (error) {
    if (isOffline(error) || error.status >= 500) storage(() => localStorage.setItem(LOGOUT_PENDING, '1'));
    else if (error.status !== 401) console.warn('logout', error);
  }
}

/**
 * A logout made offline ends that server session as soon as the server can be reached — that
 * session only: its CSRF token is pinned, so a login that happened meanwhile is never ended.
 */
export async function finishLogout() {
  if (!storage(() => localStorage.getItem(LOGOUT_PENDING))) return;
  storage(() => localStorage.removeItem(LOGOUT_PENDING));
  let token;
  try {
    token = (await api.get('/auth/csrf')).csrf_token;
  } catch {
    // Not reachable yet (the connection may just be coming back): again in a few seconds.
    storage(() => localStorage.setItem(LOGOUT_PENDING, '1'));
    setTimeout(() => { if (navigator.onLine) finishLogout().catch(() => {}); }, LOGOUT_RETRY_MS);
    return;
  }
  await endServerSession(token);
}

/**
 * Another tab signed someone else in, or logged out: fn() — this page is no longer theirs.
 * @param {() => number | null} currentId the id of the account this page shows
 * @param {() => void} fn
 */
export function onAccountChangedElsewhere(currentId, fn) {
  window.addEventListener('storage', (event) => {
    if (event.key !== ME_SNAPSHOT && event.key !== null) return;
    const other = storage(() => JSON.parse(event.newValue || 'null'));
    if ((other ? other.id : null) !== currentId()) fn();
  });
}
