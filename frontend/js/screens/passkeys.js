// Passkey management: list, add, rename, revoke.

import { isCancelled, passkeysSupported, registerPasskey } from '../webauthn.js';
import {
  announce, busy, clearErrors, confirmBox, errorText, formatDateTime, formErrors, formText, h, notice, replace, screenReady,
} from '../ui.js';

function items(result) {
  if (Array.isArray(result)) return result;
  return (result && (result.items || result.passkeys)) || [];
}

function problemText(ctx, error) {
  if (error.status === 403) return ctx.t('app.errors.not_fresh');
  if (error.status === 409 || error.status === 422 || error.status === 0) return errorText(error);
  return ctx.t('app.errors.failed_text');
}

function renameForm(ctx, passkey, reload) {
  const inputId = `passkey-name-${passkey.id}`;
  const form = h('form', { class: 'inline-form', novalidate: true },
    h('div', { class: 'field' },
      h('label', { for: inputId }, ctx.t('app.passkeys.name_label')),
      h('input', { id: inputId, name: 'name', value: passkey.name || '', maxlength: '64', required: true })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('app.common.save')),
      h('button', { type: 'button', class: 'button button--secondary', onclick: () => reload() },
        ctx.t('app.common.cancel'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = formText(new FormData(form), 'name');
    if (!name) {
      formErrors(form, { errors: { name: [ctx.t('app.common.required')] } });
      return;
    }
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        await ctx.api.patch(`/auth/passkeys/${passkey.id}`, { name });
        announce(ctx.t('app.passkeys.renamed'));
        await reload(`passkey-${passkey.id}-rename`);
      } catch (error) {
        formErrors(form, { detail: problemText(ctx, error), errors: error.errors });
      }
    });
  });
  return form;
}

function confirmRevoke(ctx, passkey, reload) {
  return confirmBox({
    id: `revoke-q-${passkey.id}`,
    question: ctx.t('app.passkeys.revoke_question', { name: passkey.name || ctx.t('app.passkeys.unnamed') }),
    confirmLabel: ctx.t('app.passkeys.revoke_confirm'),
    onConfirm: async () => {
      await ctx.api.del(`/auth/passkeys/${passkey.id}`);
      announce(ctx.t('app.passkeys.revoked'));
      await reload('add-passkey');
    },
    onCancel: () => reload(),
    failureText: (error) => problemText(ctx, error),
  });
}

function passkeyItem(ctx, passkey, reload) {
  const name = passkey.name || ctx.t('app.passkeys.unnamed');
  const actions = h('div', { class: 'actions' });
  const item = h('li', { class: 'list-item', id: `passkey-${passkey.id}` },
    h('h3', { class: 'list-item__title' }, name),
    h('dl', { class: 'meta' },
      h('dt', {}, ctx.t('app.passkeys.created')), h('dd', {}, formatDateTime(passkey.created_at, ctx.lang)),
      h('dt', {}, ctx.t('app.passkeys.last_used')),
      h('dd', {}, passkey.last_used_at ? formatDateTime(passkey.last_used_at, ctx.lang) : ctx.t('app.passkeys.never'))),
    actions);
  const rename = h('button', { type: 'button', class: 'button button--secondary', id: `passkey-${passkey.id}-rename`,
    'aria-label': ctx.t('app.passkeys.rename_label', { name }) }, ctx.t('app.passkeys.rename'));
  const revoke = h('button', { type: 'button', class: 'button button--danger-quiet',
    'aria-label': ctx.t('app.passkeys.revoke_label', { name }) }, ctx.t('app.passkeys.revoke'));
  rename.addEventListener('click', () => {
    const form = renameForm(ctx, passkey, reload);
    actions.replaceWith(form);
    form.querySelector('input').focus();
  });
  revoke.addEventListener('click', () => actions.replaceWith(confirmRevoke(ctx, passkey, reload)));
  actions.append(rename, revoke);
  return item;
}

export async function render(root, ctx) {
  const list = h('ul', { class: 'list', id: 'passkey-list', 'aria-labelledby': 'passkeys-list-heading' });
  const status = h('div', { id: 'passkeys-status' });
  const add = h('button', { type: 'button', class: 'button button--primary', id: 'add-passkey' },
    ctx.t('app.passkeys.add'));
  add.disabled = !passkeysSupported();

  async function reload(focusId) {
    const passkeys = items(await ctx.api.get('/auth/passkeys'));
    replace(list, passkeys.length
      ? passkeys.map((passkey) => passkeyItem(ctx, passkey, reload))
      : h('li', { class: 'list-item' }, ctx.t('app.passkeys.none')));
    if (focusId) (document.getElementById(focusId) || add).focus();
  }

  add.addEventListener('click', () => busy(add, async () => {
    replace(status);
    try {
      await registerPasskey();
      replace(status, notice('success', ctx.t('app.passkeys.added')));
      await reload();
    } catch (error) {
      const key = isCancelled(error) ? 'app.passkeys.add_cancelled' : 'app.passkeys.add_failed';
      const text = error.status === 409 || error.status === 403 ? problemText(ctx, error) : ctx.t(key);
      if (error.status !== 401) replace(status, notice('error', text));
    }
  }));

  replace(root,
    h('h1', {}, ctx.t('app.passkeys.title')),
    h('p', { class: 'lead' }, ctx.t('app.passkeys.lead')),
    passkeysSupported() ? null : notice('info', ctx.t('app.login.passkey_unsupported')),
    h('div', { class: 'actions' }, add),
    status,
    h('h2', { id: 'passkeys-list-heading' }, ctx.t('app.passkeys.list_heading')),
    list);
  await reload();
  screenReady(root, ctx.t('app.passkeys.title'));
}
