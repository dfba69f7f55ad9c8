// Login: passkey first (discoverable credential, no username), password as the fallback.

import { authenticateWithPasskey, isCancelled, passkeysSupported } from '../webauthn.js';
import { busy, clearErrors, errorText, field, formErrors, formText, h, notice, replace, screenReady } from '../ui.js';

function safeNext(next) {
  // Only in-app hash paths; never an absolute or protocol-relative URL.
  return typeof next === 'string' && /^\/[A-Za-z]/.test(next) && !next.startsWith('//') ? next : '/home';
}

function loginProblem(ctx, error) {
  if (error.status === 401) return { detail: ctx.t('app.login.failed') };
  if (error.status === 429) return { detail: ctx.t('app.login.too_many') };
  if (error.status === 0) return { detail: errorText(error) };
  if (error.status === 422) return { detail: ctx.t('app.common.check_fields'), errors: error.errors };
  return { detail: ctx.t('app.errors.failed_text') };
}

function passkeySection(ctx, done) {
  const status = h('div', { class: 'passkey-status' });
  const button = h('button', { type: 'button', class: 'button button--primary button--wide', id: 'passkey-login' },
    ctx.t('app.login.passkey_button'));
  const supported = passkeysSupported();
  button.disabled = !supported;
  button.addEventListener('click', () => busy(button, async () => {
    replace(status);
    try {
      done(await authenticateWithPasskey());
    } catch (error) {
      let text = ctx.t('app.login.passkey_failed');
      if (isCancelled(error)) text = ctx.t('app.login.passkey_cancelled');
      else if (error.status === 429) text = ctx.t('app.login.too_many');
      else if (error.status === 0) text = errorText(error);
      replace(status, notice('error', text));
    }
  }));
  return h('section', { class: 'card', 'aria-labelledby': 'passkey-heading' },
    h('h2', { id: 'passkey-heading' }, ctx.t('app.login.passkey_heading')),
    h('p', {}, ctx.t(supported ? 'app.login.passkey_intro' : 'app.login.passkey_unsupported')),
    button, status);
}

function passwordForm(ctx, done) {
  const form = h('form', { id: 'login-password-form', class: 'form', novalidate: true },
    field({ label: ctx.t('app.login.username'), name: 'username', autocomplete: 'username',
      autocapitalize: 'none', spellcheck: 'false', required: true }),
    field({ label: ctx.t('app.login.password'), name: 'password', type: 'password',
      autocomplete: 'current-password', required: true }),
    h('button', { type: 'submit', class: 'button button--secondary' }, ctx.t('app.login.submit')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const username = formText(data, 'username');
    const password = String(data.get('password') || '');
    /** @type {Record<string, string[]>} */
    const errors = {};
    if (!username) errors.username = [ctx.t('app.common.required')];
    if (!password) errors.password = [ctx.t('app.common.required')];
    if (Object.keys(errors).length) {
      formErrors(form, { detail: ctx.t('app.common.check_fields'), errors });
      return;
    }
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        done(await ctx.api.post('/auth/login', { username, password }));
      } catch (error) {
        formErrors(form, loginProblem(ctx, error));
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'password-heading' },
    h('h2', { id: 'password-heading' }, ctx.t('app.login.password_heading')),
    h('p', {}, ctx.t('app.login.password_intro')),
    form);
}

export async function render(root, ctx) {
  const done = async (me) => {
    await ctx.signedIn(me);
    ctx.navigate(safeNext(ctx.query.next));
  };
  replace(root,
    h('h1', {}, ctx.t('app.login.title')),
    h('p', { class: 'lead' }, ctx.t('app.login.lead')),
    passkeySection(ctx, done),
    passwordForm(ctx, done),
    h('section', { class: 'card card--quiet', 'aria-labelledby': 'enrol-heading' },
      h('h2', { id: 'enrol-heading' }, ctx.t('app.login.enrol_heading')),
      h('p', {}, ctx.t('app.login.enrol_intro')),
      h('a', { href: '#/enrol', class: 'button button--secondary' }, ctx.t('app.login.enrol_link'))));
  screenReady(root, ctx.t('app.login.title'));
}
