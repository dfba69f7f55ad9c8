// The page's side of the service worker (sw.js): registration, the check that the precached app
// is complete (after start, login and reconnecting), and the prompt when a new version is ready.
// A new version installs in the background and waits: the page asks the user before switching,
// so a screen never mixes files of two versions.

import { h, replace } from './ui.js';
import { t } from './i18n.js';

let registration = null;
let offered = null; // a newer version: installed and waiting, or already active in another tab
let switching = false; // the user chose "reload": the new version takes over, then the page reloads

function supported() {
  return 'serviceWorker' in navigator;
}

/** Register sw.js, watch for new versions, and have the precache checked. */
export function startServiceWorker() {
  if (!supported()) return;
  let controlled = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (switching) { location.reload(); return; }
    if (!controlled) { controlled = true; return; } // the very first install took control
    offer(navigator.serviceWorker.controller); // another tab switched: this page is outdated
  });
  navigator.serviceWorker.register('/sw.js', { scope: '/' })
    .then((found) => {
      registration = found;
      watchForUpdates(found);
      return checkShell();
    })
    .catch((error) => console.warn('service worker', error));
  // An app left open for days asks for a new version when it is looked at again.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && registration) registration.update().catch(() => {});
  });
}

function watchForUpdates(found) {
  if (found.waiting && navigator.serviceWorker.controller) offer(found.waiting);
  found.addEventListener('updatefound', () => {
    const worker = found.installing;
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      // An update (not the first install, which has nothing to replace) is ready.
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
    });
  });
}

function offer(worker) {
  offered = worker;
  renderUpdateNotice();
}

function switchToNewVersion() {
  if (!offered) return;
  switching = true;
  if (offered.state === 'installed') offered.postMessage({ type: 'skip-waiting' });
  else location.reload(); // already active (switched by another tab)
}

/** The "new version ready" bar under the header (again after a language switch). */
export function renderUpdateNotice() {
  const existing = document.getElementById('update-banner');
  if (!offered) { if (existing) existing.remove(); return; }
  const bar = existing || h('div', { id: 'update-banner', class: 'update-banner', role: 'status' });
  replace(bar,
    h('span', {}, t('app.update.ready')),
    h('button', { type: 'button', class: 'button button--primary', id: 'update-reload', onclick: switchToNewVersion },
      t('app.update.reload')));
  if (!existing) document.getElementById('offline-banner').after(bar);
}

/**
 * Ask the service worker to check that the precached app is complete and to refill what is
 * missing. → {complete, missing} (missing: how many files had to be fetched again), or null
 * without a service worker.
 * @returns {Promise<{complete: boolean, missing: number} | null>}
 */
export async function checkShell() {
  if (!supported()) return null;
  const ready = await navigator.serviceWorker.ready;
  if (!ready.active) return null;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data);
    ready.active.postMessage({ type: 'ensure-shell' }, [channel.port2]);
  });
}
