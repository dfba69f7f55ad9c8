// Service worker: precaches the app shell, serves it offline, never caches the API.
// Bump VERSION whenever a precached file changes; feature engineers add their static files
// to SHELL (one line each).

// `self` typed as what it is here, so tsc --checkJs knows the worker's events.
const worker = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

const VERSION = 'v7';
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
  '/js/routes.js',
  '/js/drafts.js',
  '/js/clock.js',
  '/js/webauthn.js',
  '/js/classes-common.js',
  '/js/screens/login.js',
  '/js/screens/enrol.js',
  '/js/screens/home.js',
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
  '/js/screens/portfolio.js',
  '/js/screens/portfolio-common.js',
  '/js/screens/portfolio-share.js',
  '/js/screens/portfolio-step.js',
  '/js/screens/portfolio-progress.js',
  '/js/screens/portfolio-shared.js',
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
  '/css/chain.css',
  '/i18n/de/chain.json',
  '/i18n/en/chain.json',
  '/js/screens/anschluss-common.js',
  '/js/screens/anschluss.js',
  '/js/screens/anschluss-class.js',
  '/js/screens/anschluss-pupil.js',
  '/js/screens/anschluss-agreement-form.js',
  '/js/screens/anschluss-me.js',
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
];

async function precache() {
  const cache = await caches.open(CACHE);
  // 'reload' bypasses the HTTP cache so a new VERSION gets fresh files.
  await cache.addAll(SHELL.map((url) => new Request(url, { cache: 'reload' })));
}

worker.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => worker.skipWaiting()));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const keys = await caches.keys();
    await Promise.all(keys.filter((key) => key.startsWith('anschluss-') && key !== CACHE)
      .map((key) => caches.delete(key)));
    await worker.clients.claim();
  })());
});

worker.addEventListener('message', (event) => {
  // Logout empties Cache Storage; the app asks for the shell again at its next start.
  if (event.data && event.data.type === 'ensure-shell') {
    event.waitUntil(caches.has(CACHE).then((present) => (present ? null : precache())).catch(() => null));
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

async function pageRequest(request) {
  try {
    return await fetch(request);
  } catch {
    // The page itself if it was precached (e.g. /offline.html), else the app shell.
    const cache = await caches.open(CACHE);
    return (await cache.match(request, { ignoreSearch: true })) || (await cache.match('/index.html'))
      || (await cache.match('/offline.html'))
      || new Response('offline', { status: 503, headers: { 'Content-Type': 'text/plain' } });
  }
}

async function shellAsset(request) {
  // Network first keeps a deployed change visible at once; the cache serves offline.
  try {
    const response = await fetch(request);
    return response;
  } catch {
    const cached = await caches.match(request, { ignoreSearch: true });
    return cached || new Response('', { status: 504 });
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
  if (request.mode === 'navigate') {
    event.respondWith(pageRequest(request));
    return;
  }
  event.respondWith(shellAsset(request));
});
