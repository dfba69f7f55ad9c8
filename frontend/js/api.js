// The one fetch wrapper: same-origin cookies, JSON, CSRF header, problem+json errors.
// Paths may be given as '/api/v1/…' or relative to it ('/auth/me').

const API_ROOT = '/api/v1';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// 401 on these means "wrong credentials", not "session ended": no redirect to the login screen.
const CREDENTIAL_PATHS = ['/auth/login', '/auth/enrol', '/auth/passkeys/authentication/', '/auth/me'];

export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.title = problem.title || '';
    this.detail = problem.detail || '';
    this.errors = problem.errors || {};
    this.type = problem.type || 'about:blank';
    this.problem = problem;
  }
}

let csrfToken = null;
let unauthorizedHandler = null;

/** app.js installs what happens when the session has ended (navigate to #/login). */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
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

async function ensureCsrf(force = false) {
  if (csrfToken && !force) return csrfToken;
  const response = await fetch(url('/auth/csrf'), {
    credentials: 'same-origin', headers: { Accept: 'application/json' }, cache: 'no-store',
  });
  if (!response.ok || response.headers.get('X-Anschluss-Offline')) throw await toError(response);
  csrfToken = (await response.json()).csrf_token;
  return csrfToken;
}

async function toError(response) {
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    problem = { title: response.statusText };
  }
  return new ApiError(response.status, problem || {});
}

function isCsrfRefusal(error) {
  return error.status === 403 && /CSRF/i.test(`${error.title} ${error.detail}`);
}

/**
 * request(method, path, {body, formData, headers, raw}) → parsed JSON (or Blob with raw),
 * null for 204. Throws ApiError; a network failure throws ApiError with status 0.
 */
export async function request(method, path, options = {}, retried = false) {
  const headers = { Accept: 'application/json', ...(options.headers || {}) };
  const init = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (options.formData) {
    init.body = options.formData;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  if (UNSAFE.has(method)) headers['X-CSRF-Token'] = await ensureCsrf();
  let response;
  try {
    response = await fetch(url(path), init);
  } catch (networkError) {
    throw new ApiError(0, { title: 'offline', detail: String(networkError.message || networkError) });
  }
  if (response.headers.get('X-Anschluss-Offline')) {
    throw new ApiError(0, { title: 'offline', detail: 'The service worker answered: offline.' });
  }
  if (!response.ok) {
    const error = await toError(response);
    if (isCsrfRefusal(error) && !retried) {
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
