// The one fetch wrapper: same-origin cookies, JSON, CSRF header, the UI's language,
// problem+json errors. Paths may be given as '/api/v1/…' or relative to it ('/auth/me').
//
// Errors are matched by their stable problem code, never by message text: the server's problem
// `type` is https://anschluss.nrw/problems/<code>, and ApiError.code is that <code>.

import { getLanguage } from './i18n.js';

const API_ROOT = '/api/v1';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// 401 on these means "wrong credentials", not "session ended": no redirect to the login screen.
const CREDENTIAL_PATHS = ['/auth/login', '/auth/enrol', '/auth/passkeys/authentication/', '/auth/me'];
const PROBLEM_TYPE_BASE = 'https://anschluss.nrw/problems/';
// The code of failures the client makes itself: no network, or the service worker's offline 503.
export const OFFLINE = 'offline';
// The server refuses an unsafe request whose CSRF token is missing or stale with a 403 whose code
// starts with this prefix (csrf-token-missing, csrf-token-invalid, …): fetch a new token, retry once.
const CSRF_CODE_PREFIX = 'csrf-';

/** The stable code of a problem type URI ('…/problems/booking-not-pending' → 'booking-not-pending'). */
export function problemCode(type) {
  return typeof type === 'string' && type.startsWith(PROBLEM_TYPE_BASE) ? type.slice(PROBLEM_TYPE_BASE.length) : '';
}

export class ApiError extends Error {
  /**
   * @param {number} status HTTP status; 0 when the server could not be reached
   * @param {{type?: string, title?: string, detail?: string, errors?: Record<string, string[]>,
   *   [member: string]: any}} [problem] the problem+json body
   */
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.errors = problem.errors || {};
    this.type = problem.type || 'about:blank';
    /** The stable problem code ('' for a problem without one): what the screens compare. */
    this.code = status === 0 ? OFFLINE : problemCode(this.type);
    this.problem = problem;
  }
}

/** A network failure, or the service worker's "offline" answer: not the server's refusal. */
export function isOffline(error) {
  return Boolean(error) && error.code === OFFLINE;
}

let csrfToken = null;
let unauthorizedHandler = null;

/** app.js installs what happens when the session has ended (navigate to #/login). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

/** A caller that learned from a credential path (/auth/me) that the session has ended. */
export function reportUnauthorized(error) {
  if (unauthorizedHandler) unauthorizedHandler(error);
}

export function setCsrfToken(token) {
  if (token) csrfToken = token;
}

export function forgetCsrfToken() {
  csrfToken = null;
}

function url(path) {
  return path.startsWith('/api/') ? path : `${API_ROOT}${path.startsWith('/') ? '' : '/'}${path}`;
}

/** Headers of every API request: JSON wanted, details in the language the UI shows. */
function baseHeaders() {
  return { Accept: 'application/json', 'Accept-Language': getLanguage() };
}

function offlineError(detail) {
  return new ApiError(0, { type: PROBLEM_TYPE_BASE + OFFLINE, title: 'offline', detail });
}

async function ensureCsrf(force = false) {
  if (csrfToken && !force) return csrfToken;
  let response;
  try {
    response = await fetch(url('/auth/csrf'), { credentials: 'same-origin', headers: baseHeaders(), cache: 'no-store' });
  } catch (networkError) {
    throw offlineError(String(networkError.message || networkError));
  }
  if (response.headers.get('X-Anschluss-Offline')) throw offlineError('The service worker answered: offline.');
  if (!response.ok) throw await toError(response);
  csrfToken = (await response.json()).csrf_token;
  return csrfToken;
}

async function toError(response) {
  let problem;
  try {
    problem = await response.json();
  } catch {
    problem = { title: response.statusText };
  }
  return new ApiError(response.status, problem || {});
}

function isCsrfRefusal(error) {
  return error.status === 403 && error.code.startsWith(CSRF_CODE_PREFIX);
}

/**
 * request(method, path, {body, formData, headers, raw, csrfToken}) → parsed JSON (or Blob with
 * raw), null for 204. Throws ApiError; a network failure throws ApiError with status 0, code
 * 'offline'. `csrfToken` pins the request to the session that token belongs to: it is sent as is,
 * and a CSRF refusal is final (no new token, no retry) — the outbox uses it so that a request
 * never runs in a session other than the one it checked.
 * @param {string} method
 * @param {string} path
 * @param {{body?: any, formData?: FormData, headers?: Record<string, string>, raw?: boolean,
 *   csrfToken?: string}} [options]
 * @param {boolean} [retried]
 */
export async function request(method, path, options = {}, retried = false) {
  const headers = { ...baseHeaders(), ...(options.headers || {}) };
  /** @type {RequestInit} */
  const init = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (options.formData) {
    init.body = options.formData;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (UNSAFE.has(method)) headers['X-CSRF-Token'] = options.csrfToken || await ensureCsrf();
  let response;
  try {
    response = await fetch(url(path), init);
  } catch (networkError) {
    throw offlineError(String(networkError.message || networkError));
  }
  if (response.headers.get('X-Anschluss-Offline')) throw offlineError('The service worker answered: offline.');
  if (!response.ok) {
    const error = await toError(response);
    if (isCsrfRefusal(error) && !retried && !options.csrfToken) {
      await ensureCsrf(true);
      return request(method, path, options, true);
    }
    if (error.status === 401 && unauthorizedHandler
        && !CREDENTIAL_PATHS.some((p) => url(path).startsWith(url(p)))) {
      unauthorizedHandler(error);
    }
    throw error;
  }
  if (response.status === 204) return null;
  if (options.raw) return response.blob();
  const type = response.headers.get('Content-Type') || '';
  if (!type.includes('json')) return response.text();
  const data = await response.json();
  if (data && typeof data === 'object' && typeof data.csrf_token === 'string') {
    setCsrfToken(data.csrf_token);
  }
  return data;
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, body, options = {}) => request('POST', path, { ...options, body }),
  put: (path, body, options = {}) => request('PUT', path, { ...options, body }),
  patch: (path, body, options = {}) => request('PATCH', path, { ...options, body }),
  del: (path, options) => request('DELETE', path, options),
  upload: (path, formData, options = {}) => request('POST', path, { ...options, formData }),
  /** POST (or GET when body is undefined) and return the response as a Blob (PDF, CSV …). */
  download: (path, body, options = {}) => request(body === undefined ? 'GET' : 'POST', path,
    { ...options, body, raw: true, headers: { Accept: '*/*', ...(options.headers || {}) } }),
};

export default api;
