// The DOM builder: elements and text nodes only, so data never becomes HTML.

/** A child of h(): text, a node, nothing (null/undefined/false), or a (nested) list of them.
 * @typedef {string | number | Node | null | undefined | false | any[]} Child */

const BOOLEAN_ATTRS = new Set([
  'hidden', 'disabled', 'required', 'checked', 'selected', 'readonly', 'multiple', 'autofocus',
  'open', 'novalidate',
]);

/**
 * h('p', {class: 'x', onclick: fn}, 'text', child, [more]) → HTMLParagraphElement
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, any> | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
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

/** @param {Node} el @param {Child[]} children */
function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** Replace all children of el. @param {Element} el @param {...Child} children */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let idCounter = 0;
export function uniqueId(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
