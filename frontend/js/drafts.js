// Offline drafts and the outbox, in IndexedDB — one database per account
// ('anschluss-offline-<user id>'), so one pupil's offline copy can never be read in another's login.
// Drafts: work in progress and offline copies (key → value). Outbox: requests made offline; an item
// leaves only when the server confirmed it (2xx) or definitively refused it (409/422, reported to
// the user), or when it turns out not to belong to the session it would travel in (dropped).
//
// app.js binds the page to the signed-in account (useAccount) and lets go of it when the session
// ends (leaveAccount) or the user logs out (clearAll). Without an account nothing is read or kept.

import { reportUnauthorized, request } from './api.js';

const DB_PREFIX = 'anschluss-offline-';
// Before one database per account, everyone's drafts shared this one: deleted on sight.
const SHARED_DB = 'anschluss';
const DB_VERSION = 1;
let account = null;
let dbPromise = null;
const listeners = new Set();

function promisify(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const databaseName = (userId) => `${DB_PREFIX}${userId}`;

function openDb() {
  if (account === null) return Promise.reject(new Error('no account: offline data is bound to a login'));
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(databaseName(account), DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts');
        if (!db.objectStoreNames.contains('outbox')) {
          db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
        }
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab deleting the database (logout, another sign-in) must not be blocked by us.
        db.onversionchange = () => { db.close(); dbPromise = null; };
        resolve(db);
      };
      req.onerror = () => { dbPromise = null; reject(req.error); };
    });
  }
  return dbPromise;
}

function closeDb() {
  const open = dbPromise;
  dbPromise = null;
  if (open) open.then((db) => db.close(), () => {});
}

async function store(name, mode) {
  const db = await openDb();
  return db.transaction(name, mode).objectStore(name);
}

/** Names of the offline databases on this device (every account's, and the old shared one). */
async function offlineDatabases() {
  if (!indexedDB.databases) return [SHARED_DB, ...(account === null ? [] : [databaseName(account)])];
  const all = await indexedDB.databases();
  return all.map((db) => db.name).filter((name) => name === SHARED_DB || name.startsWith(DB_PREFIX));
}

function deleteDatabase(name) {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = resolve;
    req.onerror = resolve;
    // Open connections elsewhere close on 'versionchange'; the deletion finishes then.
    req.onblocked = resolve;
  });
}

/** The account this page reads and writes offline data for (null: none). */
export function currentAccount() {
  return account;
}

/**
 * The page acts for this account (confirmed by the server, or its last confirmed snapshot
 * offline): every other account's offline data on the device is deleted first.
 * @param {number} userId
 */
export async function useAccount(userId) {
  if (account !== userId) closeDb();
  account = userId;
  const others = (await offlineDatabases()).filter((name) => name !== databaseName(userId));
  await Promise.all(others.map(deleteDatabase));
}

/**
 * The session ended (401, expiry): the page neither shows nor sends this account's offline data
 * any more. Unsent work stays on the device, unreadable in the app, until the same person signs
 * in again (then it is sent) or anyone else signs in or logs out (then it is deleted).
 */
export function leaveAccount() {
  closeDb();
  account = null;
}

/** Logout: every account's offline data on this device is deleted. */
export async function clearAll() {
  leaveAccount();
  await Promise.all((await offlineDatabases()).map(deleteDatabase));
}

/** Keep a draft of the current account; without one (logged out meanwhile) it is not kept. */
export async function saveDraft(key, value) {
  if (account === null) return;
  const drafts = await store('drafts', 'readwrite');
  await promisify(drafts.put({ value, savedAt: new Date().toISOString() }, key));
}

export async function getDraft(key) {
  if (account === null) return undefined;
  const drafts = await store('drafts', 'readonly');
  const row = await promisify(drafts.get(key));
  return row === undefined ? undefined : row.value;
}

export async function deleteDraft(key) {
  if (account === null) return;
  const drafts = await store('drafts', 'readwrite');
  await promisify(drafts.delete(key));
}

/** A random key (idempotency keys, draft keys): a UUID where the browser has one. */
export function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Queue a request for later, owned by the current account. Without an idempotencyKey the item
 * gets a fresh one, so the server can tell a repeated delivery from a new request.
 * @param {{method: string, path: string, body?: any, idempotencyKey?: string}} item
 */
export async function enqueue({ method, path, body, idempotencyKey }) {
  const owner = account;
  const outbox = await store('outbox', 'readwrite'); // rejects without an account
  return promisify(outbox.add({
    owner, method, path, body, idempotencyKey: idempotencyKey || newKey(), queuedAt: new Date().toISOString(),
  }));
}

export async function outboxItems() {
  if (account === null) return [];
  const outbox = await store('outbox', 'readonly');
  return promisify(outbox.getAll());
}

async function removeItem(id) {
  const outbox = await store('outbox', 'readwrite');
  await promisify(outbox.delete(id));
}

/**
 * Subscribe to outbox results: fn({item, status, error|result}); status is 'sent', 'rejected',
 * 'failed' (kept) or 'dropped' (not the session's owner: deleted unsent). Returns an unsubscribe.
 */
export function onOutboxResult(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function report(event) {
  listeners.forEach((fn) => {
    try { fn(event); } catch (error) { console.error(error); }
  });
}

let flushing = null;
let retryTimer = null;
let retryDelay = 2000;
const MAX_RETRY_DELAY = 60000;

function scheduleRetry() {
  // A failed flush is tried again with growing pauses while the page stays open.
  if (retryTimer) return;
  retryTimer = setTimeout(() => {
    retryTimer = null;
    flushOutbox().catch(() => {});
  }, retryDelay);
  retryDelay = Math.min(retryDelay * 2, MAX_RETRY_DELAY);
}

/** Send queued requests in order; stops at the first network or server failure. */
export function flushOutbox() {
  if (!flushing) {
    flushing = flush().then((outcome) => {
      if (outcome.retry) scheduleRetry(); else retryDelay = 2000;
      return outcome;
    }).finally(() => { flushing = null; });
  }
  return flushing;
}

/**
 * Whose session will the requests travel in? The cookie is shared by every tab, so this page's
 * account is no proof: the server says, and its answer carries that session's CSRF token.
 * @returns {Promise<{id: number, csrf_token: string} | {retry: boolean}>}
 */
async function sessionOwner() {
  try {
    return await request('GET', '/auth/me');
  } catch (error) {
    if (error.status === 401) {
      reportUnauthorized(error); // the session has ended: app.js lets go of the account
      return { retry: false };
    }
    return { retry: true };
  }
}

/** Worth trying again later: offline, busy, or a CSRF refusal (the session changed meanwhile). */
function isTransient(error) {
  return error.status === 0 || error.status === 429 || error.status >= 500
    || (error.status === 403 && error.code.startsWith('csrf-'));
}

/**
 * One queued request, in the session of `session` only: its CSRF token is pinned, so if the
 * session changed meanwhile (another login in another tab) the server refuses the request instead
 * of it running as someone else. → 'sent', 'next' (settled otherwise), 'retry' or 'stop'.
 */
async function sendItem(item, session) {
  try {
    const result = await request(item.method, item.path, {
      body: item.body, headers: { 'Idempotency-Key': item.idempotencyKey }, csrfToken: session.csrf_token,
    });
    await removeItem(item.id);
    report({ item, status: 'sent', result });
    return 'sent';
  } catch (error) {
    if (error.status === 409 || error.status === 422) {
      await removeItem(item.id);
      report({ item, status: 'rejected', error });
      return 'next';
    }
    if (isTransient(error)) return 'retry'; // later, in order, the owner checked anew
    if (error.status === 401) return 'stop'; // the session ended: the 401 handler takes over
    report({ item, status: 'failed', error }); // kept: the user decides
    return 'next';
  }
}

async function flush() {
  if (!navigator.onLine || account === null) return { sent: 0 }; // 'online' starts the next one
  const items = await outboxItems();
  if (items.length === 0) return { sent: 0 };
  const session = await sessionOwner();
  if (!('id' in session)) return { sent: 0, retry: session.retry };
  let sent = 0;
  for (const item of items) {
    if (item.owner !== session.id || account !== session.id) {
      // Another person's request (or an unowned one): deleted, never sent in this session.
      await removeItem(item.id);
      report({ item, status: 'dropped' });
      continue;
    }
    const outcome = await sendItem(item, session);
    if (outcome === 'retry') return { sent, retry: true };
    if (outcome === 'stop') break;
    if (outcome === 'sent') sent += 1;
  }
  return { sent, retry: false };
}
