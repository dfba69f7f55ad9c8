// Service worker: the app's files precached per VERSION and served from that cache first (a warm
// start waits for no server); a new version installs in the background and takes over when the
// user agrees (sw-client.js asks). The API is never cached: it answers with personal data.
// Bump VERSION whenever a precached file changes (the server also appends a fingerprint of the
// files, app/frontend.py, so a forgotten bump still ships); add static files to SHELL.

// `self` typed as what it is here, so tsc --checkJs knows the worker's events.
const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

const VERSION = 'v44';
const CACHE = `anschluss-shell-${VERSION}`;

const SHELL = [
  '/',
  '/index.html',
  '/offline.html',
  '/manifest.webmanifest',
  '/css/app.css',
  '/js/app.js',
  '/js/api.js',
  '/js/i18n.js',
  '/js/ui.js',
  '/js/dom.js',
  '/js/ui-forms.js',
  '/js/ui-tables.js',
  '/js/ui-charts.js',
  '/js/routes.js',
  '/js/drafts.js',
  '/js/device-data.js',
  '/js/sw-client.js',
  '/js/clock.js',
  '/js/webauthn.js',
  '/js/classes-common.js',
  '/js/screens/login.js',
  '/js/screens/enrol.js',
  '/js/screens/home.js',
  '/js/screens/home-staff.js',
  '/js/screens/home-pupil.js',
  '/js/screens/more.js',
  '/js/bottom-nav.js',
  '/css/home.css',
  '/i18n/de/home.json',
  '/i18n/en/home.json',
  '/js/screens/passkeys.js',
  '/js/screens/classes.js',
  '/js/screens/class.js',
  '/js/screens/roster-import.js',
  '/js/screens/codes.js',
  '/js/screens/sources.js',
  '/js/screens/accessibility.js',
  '/js/screens/interests.js',
  '/js/screens/interests-common.js',
  '/js/screens/interests-questionnaire.js',
  '/js/screens/interests-results.js',
  '/js/screens/occupation.js',
  '/js/screens/berufsfeld.js',
  '/i18n/de/occupations.json',
  '/i18n/en/occupations.json',
  '/js/screens/portfolio.js',
  '/js/screens/portfolio-common.js',
  '/js/screens/portfolio-share.js',
  '/js/screens/portfolio-step.js',
  '/js/screens/portfolio-attachments.js',
  '/js/screens/portfolio-progress.js',
  '/js/screens/portfolio-shared.js',
  '/js/screens/placements.js',
  '/i18n/de/placements.json',
  '/i18n/en/placements.json',
  '/css/interests.css',
  '/css/portfolio.css',
  '/i18n/de/interests.json',
  '/i18n/en/interests.json',
  '/i18n/de/portfolio.json',
  '/i18n/en/portfolio.json',
  '/i18n/de/app.json',
  '/i18n/en/app.json',
  '/i18n/de/problems.json',
  '/i18n/en/problems.json',
  '/js/screens/cases-common.js',
  '/js/screens/cases.js',
  '/js/screens/cases-detail.js',
  '/js/screens/handover.js',
  '/js/screens/disclosures.js',
  '/js/screens/identification-rounds.js',
  '/js/screens/round-snapshot.js',
  '/js/screens/recipients.js',
  '/css/chain.css',
  '/i18n/de/chain.json',
  '/i18n/en/chain.json',
  '/js/screens/transition-common.js',
  '/js/screens/applications-me.js',
  '/js/screens/vacancies-common.js',
  '/js/screens/vacancies-me.js',
  '/js/screens/provider-vacancies.js',
  '/js/screens/vacancies-kommune.js',
  '/js/screens/case-vacancies.js',
  '/i18n/de/vacancies.json',
  '/i18n/en/vacancies.json',
  '/js/screens/anschluss-applications.js',
  '/js/screens/incoming.js',
  '/js/screens/transition.js',
  '/js/screens/transition-kommune.js',
  '/js/screens/registration-import.js',
  '/js/screens/rollover.js',
  '/css/transition.css',
  '/i18n/de/transition.json',
  '/i18n/en/transition.json',
  '/js/screens/anschluss-common.js',
  '/js/screens/anschluss.js',
  '/js/screens/anschluss-class.js',
  '/js/screens/anschluss-pupil.js',
  '/js/screens/anschluss-schooling.js',
  '/js/screens/anschluss-agreement-form.js',
  '/js/screens/anschluss-me.js',
  '/js/screens/anschluss-declaration.js',
  '/js/screens/leavers.js',
  '/js/screens/kommune.js',
  '/css/anschluss.css',
  '/i18n/de/anschluss.json',
  '/i18n/en/anschluss.json',
  '/js/screens/allocation.js',
  '/js/screens/allocation-common.js',
  '/js/screens/allocation-round.js',
  '/js/screens/allocation-rank.js',
  '/js/screens/allocation-review.js',
  '/js/screens/inbox.js',
  '/js/screens/inbox-badge.js',
  '/css/allocation.css',
  '/css/inbox.css',
  '/i18n/de/allocation.json',
  '/i18n/en/allocation.json',
  '/i18n/de/notifications.json',
  '/i18n/en/notifications.json',
  '/js/screens/internships-common.js',
  '/js/screens/internships.js',
  '/js/screens/internships-class.js',
  '/js/screens/internships-kommune.js',
  '/js/screens/offers.js',
  '/js/screens/offers-detail.js',
  '/js/screens/provider.js',
  '/js/screens/provider-offer.js',
  '/js/screens/provider-slots.js',
  '/js/screens/provider-contacts.js',
  '/css/internships.css',
  '/i18n/de/internships.json',
  '/i18n/en/internships.json',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/icon-maskable-512.png',
  '/js/screens/disclosures-guardian.js',
  '/js/screens/guardian.js',
  '/css/guardian.css',
  '/i18n/ar/guardian.json',
  '/i18n/ar/interests.json',
  '/i18n/de/guardian.json',
  '/i18n/de-LS/interests.json',
  '/i18n/en/guardian.json',
  '/i18n/pl/guardian.json',
  '/i18n/ru/guardian.json',
  '/i18n/tr/guardian.json',
  '/i18n/uk/guardian.json',
  '/i18n/meta.json',
  '/js/screens/activate.js',
  '/js/screens/case-messages.js',
  '/js/screens/password-common.js',
  '/js/screens/password.js',
  '/i18n/de/casemsg.json',
  '/i18n/en/casemsg.json',
  '/js/screens/push-toggle.js',
  '/i18n/de-LS/anschluss.json',
  '/i18n/de-LS/internships.json',
  '/i18n/de-LS/portfolio.json',
  '/i18n/ar/app.json',
  '/i18n/de-LS/app.json',
  '/i18n/pl/app.json',
  '/i18n/ru/app.json',
  '/i18n/tr/app.json',
  '/i18n/uk/app.json',
  '/js/screens/guardian-links-staff.js',
  '/i18n/de/guardianstaff.json',
  '/i18n/en/guardianstaff.json',
];

const SHELL_PATHS = new Set(SHELL);

/** Fetch these files afresh (past the HTTP cache) into this version's cache. */
async function fill(cache, paths) {
  await cache.addAll(paths.map((path) => new Request(path, { cache: 'reload' })));
}

/**
 * Is this version's cache complete? Refill what is missing (storage pressure, an interrupted
 * install, a cache deleted by an older app) → {complete, missing}.
 */
async function ensureShell() {
  const cache = await caches.open(CACHE);
  const present = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
  const missing = SHELL.filter((path) => !present.has(path));
  if (missing.length === 0) return { complete: true, missing: 0 };
  try {
    await fill(cache, missing);
    return { complete: true, missing: missing.length };
  } catch {
    return { complete: false, missing: missing.length }; // offline: asked again later
  }
}

worker.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until the user reloads (or every tab is closed).
  event.waitUntil(caches.open(CACHE).then((cache) => fill(cache, SHELL)));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys.filter((key) => key.startsWith('anschluss-') && key !== CACHE)
      .map((key) => caches.delete(key)));
    await worker.clients.claim();
  })());
});

// Web push (pupils who allowed it): the server sends title, body and the screen to open; the
// notice shows nothing beyond what the inbox shows, and a tap opens the app on that screen.
worker.addEventListener('push', (event) => {
  let data = { title: 'Anschluss', body: '', link: '/inbox' };
  try { data = { ...data, ...(event.data ? event.data.json() : {}) }; } catch { /* plain text: keep defaults */ }
  event.waitUntil(worker.registration.showNotification(data.title, {
    body: data.body, icon: '/icons/icon-192.png', data: { link: data.link }, lang: 'de',
  }));
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const link = (event.notification.data && event.notification.data.link) || '/inbox';
  event.waitUntil(worker.clients.openWindow(`/#${link}`));
});

worker.addEventListener('message', (event) => {
  const type = event.data && event.data.type;
  if (type === 'ensure-shell') {
    const port = event.ports[0];
    event.waitUntil(ensureShell().catch(() => ({ complete: false, missing: -1 }))
      .then((status) => { if (port) port.postMessage(status); }));
  } else if (type === 'skip-waiting') {
    event.waitUntil(worker.skipWaiting()); // the user chose to reload into this version
  }
});

function offlineProblem() {
  const body = JSON.stringify({
    // The stable code the app matches (api.js: isOffline), never the text.
    type: 'https://anschluss.nrw/problems/offline', title: 'Service Unavailable', status: 503,
    detail: 'offline: the server cannot be reached',
  });
  return new Response(body, {
    status: 503, headers: { 'Content-Type': 'application/problem+json', 'X-Anschluss-Offline': '1' },
  });
}

async function fromNetworkOnly(request) {
  // API answers carry personal data: never stored; offline they fail as problem+json 503.
  try {
    return await fetch(request);
  } catch {
    return offlineProblem();
  }
}

/** This version's copy of a precached path; never creates the cache (caches.open would). */
function cached(path) {
  return caches.match(path, { cacheName: CACHE });
}

async function cacheFirst(request, path) {
  // The precached file of this version; the network only if the cache lost it.
  const hit = await cached(path);
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch {
    return request.mode === 'navigate' ? offlinePage() : new Response('', { status: 504 });
  }
}

async function offlinePage() {
  return (await cached('/offline.html'))
    || new Response('offline', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function networkFirst(request) {
  // Not a file of the app (or not this origin's GET): the network, offline a cached copy if any.
  try {
    return await fetch(request);
  } catch {
    if (request.mode === 'navigate') return offlinePage();
    return (await caches.match(request, { ignoreSearch: true, cacheName: CACHE }))
      || new Response('', { status: 504 });
  }
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith('/api/')) {
    if (request.method === 'GET') event.respondWith(fromNetworkOnly(request));
    return;
  }
  if (request.method !== 'GET') return;
  if (SHELL_PATHS.has(url.pathname)) event.respondWith(cacheFirst(request, url.pathname));
  else event.respondWith(networkFirst(request));
});
