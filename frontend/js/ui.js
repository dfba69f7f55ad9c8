// DOM helpers. Everything is built from elements and text nodes: data never becomes HTML.

const BOOLEAN_ATTRS = new Set([
  'hidden', 'disabled', 'required', 'checked', 'selected', 'readonly', 'multiple', 'autofocus',
  'open', 'novalidate',
]);

/** h('p', {class: 'x', onclick: fn}, 'text', child, [more]) → HTMLElement */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'value' && 'value' in el) {
      el.value = value;
    } else if (BOOLEAN_ATTRS.has(name)) {
      el.toggleAttribute(name, Boolean(value));
      if (name === 'checked' || name === 'selected') el[name] = Boolean(value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replace all children of el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

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

let idCounter = 0;
export function uniqueId(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

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
 * `problem` is an ApiError or {detail, errors}. Returns the number of field errors shown.
 */
export function formErrors(form, problem, summaryText) {
  clearErrors(form);
  const errors = (problem && problem.errors) || {};
  let firstInvalid = null;
  let shown = 0;
  for (const [name, messages] of Object.entries(errors)) {
    const field = form.querySelector(`[name="${CSS.escape(name)}"]`);
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
  const detail = summaryText || (problem && (problem.detail || problem.title)) || '';
  if (detail) {
    const summary = h('div', { class: 'form-error-summary', role: 'alert', tabindex: '-1' }, detail);
    form.prepend(summary);
    if (!firstInvalid) summary.focus();
  }
  if (firstInvalid) firstInvalid.focus();
  return shown;
}

/** A labelled form field: {label, name, type, hint, ...input attributes}. */
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

/** Turn a button busy while an async action runs; prevents double submits. */
export async function busy(button, action) {
  if (!button) return action();
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** Format an ISO date (YYYY-MM-DD or datetime) for the current language. */
export function formatDate(value, lang) {
  if (!value) return '';
  const date = new Date(value.length === 10 ? `${value}T12:00:00` : value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium' })
    .format(date);
}

export function formatDateTime(value, lang) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE',
    { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
