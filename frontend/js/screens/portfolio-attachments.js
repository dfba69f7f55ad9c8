// Certificates and photos on a step of "Mein Weg": list (open, delete) and upload. The server
// checks the type from the content and strips photo metadata; here we only say what fits.

import { announce, confirmBox, errorText, formatDate, h, notice, replace } from '../ui.js';

const ACCEPT = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';
const MAX_BYTES = 5 * 1024 * 1024;

function sizeText(ctx, bytes) {
  const kb = Math.max(1, Math.round(bytes / 1024));
  return kb >= 1024 ? ctx.t('portfolio.files.mb', { size: (kb / 1024).toFixed(1) }) : ctx.t('portfolio.files.kb', { size: kb });
}

function fileItem(ctx, file, onDelete) {
  const item = h('li', { class: 'list-item file-item', dataset: { id: String(file.id) } },
    h('a', { href: `/api/v1/me/attachments/${file.id}`, target: '_blank', rel: 'noopener', class: 'file-item__name' },
      file.filename),
    h('p', { class: 'subtle' }, `${sizeText(ctx, file.size)} · ${formatDate(file.created_at, ctx.lang)}`));
  const button = h('button', {
    type: 'button', class: 'button button--secondary',
    'aria-label': ctx.t('portfolio.files.delete_label', { name: file.filename }),
    onclick: () => { // deleting cannot be undone: ask first
      button.hidden = true;
      const box = confirmBox({
        id: `delete-file-${file.id}`,
        question: ctx.t('portfolio.files.delete_question', { name: file.filename }),
        confirmLabel: ctx.t('portfolio.files.delete_confirm'),
        onConfirm: () => onDelete(file),
        onCancel: () => { box.remove(); button.hidden = false; button.focus(); },
      });
      item.append(box);
    },
  }, ctx.t('portfolio.files.delete'));
  item.append(button);
  return item;
}

/** The section for one step; `files` are the step's attachments from GET /me/portfolio. */
export function attachmentsSection(ctx, step, files) {
  const list = h('ul', { class: 'list', id: 'step-files' });
  const status = h('p', { id: 'files-status', role: 'status', class: 'save-status' });
  const shown = [...files];

  function draw() {
    replace(list, shown.length ? shown.map((file) => fileItem(ctx, file, remove))
      : h('li', { id: 'files-none', class: 'subtle' }, ctx.t('portfolio.files.none')));
  }

  async function remove(file) {
    try {
      await ctx.api.del(`/me/attachments/${file.id}`);
      shown.splice(shown.indexOf(file), 1);
      draw();
      status.textContent = ctx.t('portfolio.files.deleted', { name: file.filename });
    } catch (error) {
      status.textContent = errorText(error);
    }
  }

  const input = h('input', { type: 'file', id: 'step-file', name: 'file', accept: ACCEPT, 'aria-describedby': 'step-file-hint' });
  const error = h('p', { class: 'field-error', id: 'step-file-error', role: 'alert', hidden: true });
  const form = h('form', { class: 'form', id: 'files-form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: 'step-file' }, ctx.t('portfolio.files.choose')),
      h('p', { class: 'field-hint', id: 'step-file-hint' }, ctx.t('portfolio.files.hint')),
      input, error),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary', id: 'files-upload' },
      ctx.t('portfolio.files.upload'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    const chosen = input.files && input.files[0];
    const fail = (text) => { error.textContent = text; error.hidden = false; input.focus(); };
    if (!chosen) { fail(ctx.t('portfolio.files.choose_first')); return; }
    if (chosen.size > MAX_BYTES) { fail(ctx.t('portfolio.files.too_large')); return; }
    const data = new FormData();
    data.append('file', chosen);
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
    button.disabled = true;
    try {
      const created = await ctx.api.upload(`/me/portfolio/steps/${step.id}/attachments`, data);
      shown.push(created);
      draw();
      form.reset();
      status.textContent = ctx.t('portfolio.files.uploaded', { name: created.filename });
      announce(status.textContent);
    } catch (problem) {
      fail(errorText(problem));
    } finally {
      button.disabled = false;
    }
  });
  draw();
  return h('section', { class: 'card', 'aria-labelledby': 'files-heading', id: 'step-files-section' },
    h('h2', { id: 'files-heading' }, ctx.t('portfolio.files.heading')),
    h('p', {}, ctx.t('portfolio.files.intro')),
    navigator.onLine ? null : notice('info', ctx.t('portfolio.files.offline')),
    list, status, form);
}
