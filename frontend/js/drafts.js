// Offline drafts and the outbox, in IndexedDB ('anschluss').
// Drafts: work in progress the pupil has not sent yet (key → value).
// Outbox: requests made offline; an item leaves only when the server confirmed it (2xx) or
// definitively refused it (409/422, reported to the user).

import { request } from './api.js';

const DB_NAME = 'anschluss';
const DB_VERSION = 1;
let dbPromise = null;
const listeners = new Set();

function promisify(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts');
        if (!db.objectStoreNames.contains('outbox')) {
          db.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
        }
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab deleting the database (logout) must not be blocked by us.
        db.onversionchange = () => { db.close(); dbPromise = null; };
        resolve(db);
      };
      req.onerror = () => { dbPromise = null; reject(req.error); };
    });
  }
  return dbPromise;
}

async function store(name, mode) {
  const db = await openDb();
  return db.transaction(name, mode).objectStore(name);
}

export async function saveDraft(key, value) {
  const drafts = await store('drafts', 'readwrite');
  await promisify(drafts.put({ value, savedAt: new Date().toISOString() }, key));
}

export async function getDraft(key) {
  const drafts = await store('drafts', 'readonly');
  const row = await promisify(drafts.get(key));
  return row === undefined ? undefined : row.value;
}

export async function deleteDraft(key) {
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
 * Queue a request for later. Without an idempotencyKey the item gets a fresh one, so the server
 * can tell a repeated delivery from a new request.
 * @param {{method: string, path: string, body?: any, idempotencyKey?: string}} item
 */
export async function enqueue({ method, path, body, idempotencyKey }) {
  const key = idempotencyKey || newKey();
  const outbox = await store('outbox', 'readwrite');
  const id = await promisify(outbox.add({
    method, path, body, idempotencyKey: key, queuedAt: new Date().toISOString(),
  }));
  return id;
}

export async function outboxItems() {
  const outbox = await store('outbox', 'readonly');
  return promisify(outbox.getAll());
}

async function removeItem(id) {
  const outbox = await store('outbox', 'readwrite');
  await promisify(outbox.delete(id));
}

/** Subscribe to outbox results: fn({item, status, error|result}). Returns an unsubscribe. */
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

async function flush() {
  if (!navigator.onLine) return { sent: 0 }; // the 'online' event starts the next flush
  let sent = 0;
  let retry = false;
  for (const item of await outboxItems()) {
    try {
      const result = await request(item.method, item.path, {
        body: item.body, headers: { 'Idempotency-Key': item.idempotencyKey },
      });
      await removeItem(item.id);
      sent += 1;
      report({ item, status: 'sent', result });
    } catch (error) {
      if (error.status === 409 || error.status === 422) {
        await removeItem(item.id);
        report({ item, status: 'rejected', error });
      } else if (error.status === 0 || error.status === 429 || error.status >= 500) {
        retry = true;
        break; // try again later, in order
      } else if (error.status === 401) {
        break; // after the next login
      } else {
        report({ item, status: 'failed', error }); // kept: the user decides
      }
    }
  }
  return { sent, retry };
}

/** Logout: close our connection and delete the whole database. */
export async function clearAll() {
  if (dbPromise) {
    try { (await dbPromise).close(); } catch { /* already closed */ }
    dbPromise = null;
  }
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = resolve;
    req.onerror = resolve;
    req.onblocked = resolve;
  });
}
