// Form pieces shared by the screens: labelled fields and selects, problem+json errors.

import { h, uniqueId } from './dom.js';
import { hasKey, t } from './i18n.js';

/** Remove error messages and invalid states that formErrors added. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error, .form-error-summary').forEach((el) => el.remove());
  form.querySelectorAll('[aria-invalid="true"]').forEach((field) => {
    field.removeAttribute('aria-invalid');
    const ids = (field.getAttribute('aria-describedby') || '')
      .split(' ').filter((id) => id && !id.startsWith('err-'));
    if (ids.length) field.setAttribute('aria-describedby', ids.join(' '));
    else field.removeAttribute('aria-describedby');
  });
}

/**
 * Show a problem+json error on a form: a summary (role=alert) at the top, and each field
 * error next to its field, linked by aria-describedby and marked aria-invalid.
 * `problem` is an ApiError (its summary is errorText(problem)) or {detail, errors}.
 * Returns the number of field errors shown.
 * @param {HTMLFormElement} form
 * @param {{status?: number, detail?: string, errors?: Record<string, string[] | string>} | null} problem
 * @param {string | null} [summaryText]
 */
export function formErrors(form, problem, summaryText) {
  clearErrors(form);
  const errors = (problem && problem.errors) || {};
  let firstInvalid = null;
  let shown = 0;
  for (const [name, messages] of Object.entries(errors)) {
    const field = /** @type {HTMLElement | null} */ (form.querySelector(`[name="${CSS.escape(name)}"]`));
    if (!field) continue;
    const id = `err-${field.id || name}`;
    const text = Array.isArray(messages) ? messages.join(' ') : String(messages);
    const message = h('p', { class: 'field-error', id }, text);
    const anchor = field.closest('.field') || field;
    anchor.appendChild(message);
    field.setAttribute('aria-invalid', 'true');
    const described = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    field.setAttribute('aria-describedby', [...described, id].join(' '));
    firstInvalid = firstInvalid || field;
    shown += 1;
  }
  const detail = summaryText || (problem && (problem.status !== undefined ? errorText(problem) : problem.detail)) || '';
  if (detail) {
    const summary = h('div', { class: 'form-error-summary', role: 'alert', tabindex: '-1' }, detail);
    form.prepend(summary);
    if (!firstInvalid) summary.focus();
  }
  if (firstInvalid) firstInvalid.focus();
  return shown;
}

/**
 * The text of a form value, trimmed; '' for a missing value (or a file).
 * @param {FormData} data
 * @param {string} name
 */
export function formText(data, name) {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * The form's filled-in text values, trimmed; empty ones are left out, so that optional fields
 * the user left blank are not sent at all (the server checks what is sent: '' is no e-mail).
 * @param {HTMLFormElement} form
 * @returns {Record<string, string>}
 */
export function filledValues(form) {
  const data = new FormData(form);
  return Object.fromEntries([...new Set(data.keys())]
    .map((name) => [name, formText(data, name)]).filter(([, value]) => value));
}

/**
 * A labelled form field: {label, name, type, hint, ...input attributes}.
 * @param {{label: string, name: string, type?: string, hint?: string, id?: string,
 *   [attribute: string]: any}} options
 */
export function field({ label, name, type = 'text', hint, id, ...attrs }) {
  const inputId = id || uniqueId(`f-${name}`);
  const hintId = hint ? `${inputId}-hint` : null;
  const control = type === 'textarea'
    ? h('textarea', { id: inputId, name, 'aria-describedby': hintId, ...attrs })
    : h('input', { id: inputId, name, type, 'aria-describedby': hintId, ...attrs });
  return h('div', { class: 'field' },
    h('label', { for: inputId }, label),
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    control);
}

/** @typedef {{value: string, label: string}} Choice */

/**
 * A <select> whose option with `value` is selected (none when value is undefined).
 * @param {{id: string, name: string, options: Choice[], value?: string | null,
 *   [attribute: string]: any}} options
 */
export function select({ id, name, options, value, ...attrs }) {
  return h('select', { id, name, ...attrs }, options.map((option) => h('option', {
    value: option.value, selected: value !== undefined && option.value === (value ?? ''),
  }, option.label)));
}

/**
 * A labelled <select> inside a .field, with an optional hint linked by aria-describedby.
 * @param {{id: string, name: string, label: string, options: Choice[], value?: string | null,
 *   hint?: string, [attribute: string]: any}} options
 */
export function selectField({ label, hint, ...selectOptions }) {
  const hintId = hint ? `${selectOptions.id}-hint` : null;
  return h('div', { class: 'field' },
    h('label', { for: selectOptions.id }, label),
    hint ? h('p', { class: 'field-hint', id: hintId }, hint) : null,
    select({ 'aria-describedby': hintId, ...selectOptions }));
}

/**
 * The text to show for a failed request: the front end's own wording for the problem's code
 * (the `problems` catalogue), else the server's detail (sent in the UI's language), else
 * `fallback`, else a general failure text. Never the problem's title (a fixed English label).
 * @param {{code?: string, status?: number, detail?: string} | null | undefined} error
 * @param {string} [fallback]
 */
export function errorText(error, fallback) {
  const code = error && error.code;
  if (code && hasKey(`problems.${code}`)) return t(`problems.${code}`);
  return (error && error.detail) || fallback || t('app.errors.failed_text');
}
