// Passkeys: turn the server's WebAuthn options (py_webauthn JSON, base64url) into what
// navigator.credentials expects, and the resulting credential back into JSON.

import { api } from './api.js';

export function base64urlToBuffer(value) {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

export function bufferToBase64url(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 1) binary += String.fromCharCode(bytes[i]);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function passkeysSupported() {
  return Boolean(window.PublicKeyCredential && navigator.credentials && window.isSecureContext);
}

function unwrap(options) {
  if (options && options.publicKey) return options.publicKey;
  if (options && options.options) return options.options;
  return options;
}

function descriptors(list) {
  return (list || []).map((item) => ({ ...item, id: base64urlToBuffer(item.id) }));
}

export function creationOptions(json) {
  const o = unwrap(json);
  return {
    ...o,
    challenge: base64urlToBuffer(o.challenge),
    user: { ...o.user, id: base64urlToBuffer(o.user.id) },
    excludeCredentials: descriptors(o.excludeCredentials),
  };
}

export function requestOptions(json) {
  const o = unwrap(json);
  const options = { ...o, challenge: base64urlToBuffer(o.challenge) };
  if (o.allowCredentials) options.allowCredentials = descriptors(o.allowCredentials);
  return options;
}

function encodeResponse(response) {
  const out = { clientDataJSON: bufferToBase64url(response.clientDataJSON) };
  if (response.attestationObject) {
    out.attestationObject = bufferToBase64url(response.attestationObject);
    if (typeof response.getTransports === 'function') out.transports = response.getTransports();
  }
  if (response.authenticatorData) {
    out.authenticatorData = bufferToBase64url(response.authenticatorData);
  }
  if (response.signature) out.signature = bufferToBase64url(response.signature);
  if (response.userHandle) out.userHandle = bufferToBase64url(response.userHandle);
  return out;
}

export function credentialToJSON(credential) {
  return {
    id: credential.id,
    rawId: bufferToBase64url(credential.rawId),
    type: credential.type,
    response: encodeResponse(credential.response),
    clientExtensionResults: credential.getClientExtensionResults
      ? credential.getClientExtensionResults() : {},
    authenticatorAttachment: credential.authenticatorAttachment || null,
  };
}

/** A default name for a new passkey, from the device ("Passkey – Android"). */
export function deviceName() {
  // User-Agent Client Hints: Chromium only, hence not in the DOM typings.
  const hints = /** @type {{userAgentData?: {platform?: string}}} */ (/** @type {unknown} */ (navigator)).userAgentData;
  const platform = (hints && hints.platform) || '';
  const ua = navigator.userAgent;
  const known = platform || ['Android', 'iPhone', 'iPad', 'Windows', 'Mac', 'Linux', 'CrOS']
    .find((name) => ua.includes(name)) || '';
  return `Passkey${known ? ` – ${known === 'CrOS' ? 'ChromeOS' : known}` : ''}`.slice(0, 80);
}

/** Register a new passkey for the logged-in account. Resolves with the stored passkey. */
export async function registerPasskey(name = deviceName()) {
  const options = await api.post('/auth/passkeys/registration/options', { name });
  const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
  return api.post('/auth/passkeys/registration/verify',
    { credential: credentialToJSON(credential), name });
}

/** Log in with a discoverable passkey (no username). Resolves with the account summary. */
export async function authenticateWithPasskey() {
  const options = await api.post('/auth/passkeys/authentication/options', {});
  const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
  return api.post('/auth/passkeys/authentication/verify', { credential: credentialToJSON(credential) });
}

/** Did the user cancel the browser dialog (or did it time out)? */
export function isCancelled(error) {
  return error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
}
