// The screens' toolkit, imported from here: the DOM builder (dom.js), form pieces
// (ui-forms.js), data display (ui-tables.js), and the page-level helpers below.

import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { errorText } from './ui-forms.js';

export { h, replace, uniqueId } from './dom.js';
export {
  clearErrors, errorText, field, filledValues, formErrors, formText, select, selectField,
} from './ui-forms.js';
export {
  byName, figuresTable, formatDate, formatDateTime, pager, personName, pupilName, table,
} from './ui-tables.js';

/** @typedef {import('./dom.js').Child} Child */

const stylesheets = new Map();

/** Load a feature stylesheet once; resolves when it has loaded. */
export function ensureStylesheet(href) {
  if (!stylesheets.has(href)) {
    stylesheets.set(href, new Promise((resolve) => {
      const existing = document.querySelector(`link[rel="stylesheet"][href="${CSS.escape(href)}"]`);
      if (existing) { resolve(existing); return; }
      const link = h('link', { rel: 'stylesheet', href });
      link.addEventListener('load', () => resolve(link));
      link.addEventListener('error', () => resolve(link));
      document.head.appendChild(link);
    }));
  }
  return stylesheets.get(href);
}

/** Say something to screen-reader users (polite live region). */
export function announce(message) {
  const region = document.getElementById('live-region');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick makes repeated messages audible too.
  setTimeout(() => { region.textContent = message; }, 50);
}

/** Set the document title and move focus to the screen heading. */
export function screenReady(root, title) {
  document.title = title ? `${title} – Anschluss` : 'Anschluss';
  const heading = root.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
}

/** A status message box (info/success/error) that screen readers hear. */
export function notice(kind, ...children) {
  const role = kind === 'error' ? 'alert' : 'status';
  return h('div', { class: `notice notice--${kind}`, role }, ...children);
}

/**
 * Turn a button busy while an async action runs; prevents double submits.
 * @template T
 * @param {Element | EventTarget | null} target the button (or a click event's currentTarget)
 * @param {() => T | Promise<T>} action
 * @returns {Promise<T>}
 */
export async function busy(target, action) {
  if (!target) return action();
  const button = /** @type {HTMLButtonElement} */ (target);
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/**
 * Hand a downloaded file (a Blob from api.download) to the browser as `filename`.
 * @param {Blob} blob
 * @param {string} filename
 */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, class: 'visually-hidden' }, filename);
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * A button that runs an async action and is busy (disabled, aria-busy) while it runs.
 * `kind` is the button style ('button--primary', 'button--secondary', 'button--quiet', …);
 * `ariaLabel` names the button where its visible label alone is ambiguous in a list.
 * @param {{label: Child, onClick: () => unknown, kind?: string, ariaLabel?: string, id?: string,
 *   disabled?: boolean}} options
 */
export function actionButton({ label, onClick, kind = 'button--secondary', ariaLabel, id, disabled }) {
  const button = h('button', { type: 'button', class: `button ${kind}`, 'aria-label': ariaLabel, id, disabled },
    label);
  button.addEventListener('click', () => busy(button, onClick));
  return button;
}

/**
 * An in-page confirmation (instead of window.confirm): the question, a danger button that runs
 * `onConfirm` (busy while it runs) and "Abbrechen" (`onCancel`), which has the focus first so
 * that Enter never destroys anything by accident. A failure is shown under the buttons as
 * `failureText(error)` (errorText by default); a 401 is left to the session handler.
 * @param {{id: string, question: Child, confirmLabel: string, onConfirm: () => unknown,
 *   onCancel: () => unknown, failureText?: (error: any) => string}} options
 */
export function confirmBox({ id, question, confirmLabel, onConfirm, onCancel, failureText = errorText }) {
  const status = h('div');
  const yes = actionButton({ label: confirmLabel, kind: 'button--danger', onClick: async () => {
    try {
      await onConfirm();
    } catch (error) {
      if (error.status !== 401) replace(status, notice('error', failureText(error)));
    }
  } });
  const no = h('button', { type: 'button', class: 'button button--secondary', onclick: () => onCancel() },
    t('app.common.cancel'));
  setTimeout(() => no.focus(), 0);
  return h('div', { class: 'confirm', role: 'group', 'aria-labelledby': id },
    h('p', { id }, question), h('div', { class: 'actions' }, yes, no), status);
}
