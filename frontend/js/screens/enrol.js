// Enrolment by one-time code: code + display name → account, then a passkey right away.
// Devices without passkeys may set a password instead (sent in the enrolment body).

import { isCancelled, passkeysSupported, registerPasskey } from '../webauthn.js';
import { busy, clearErrors, errorText, field, formErrors, formText, h, notice, replace, screenReady } from '../ui.js';

const MIN_PASSWORD = 10;

function enrolProblem(ctx, error) {
  if (error.status === 422 || error.status === 409 || error.status === 404 || error.status === 401) {
    return { detail: error.status === 422 && Object.keys(error.errors).length
      ? ctx.t('app.common.check_fields') : ctx.t('app.enrol.code_invalid'), errors: error.errors };
  }
  if (error.status === 429) return { detail: ctx.t('app.login.too_many') };
  if (error.status === 0) return { detail: errorText(error) };
  return { detail: ctx.t('app.errors.failed_text') };
}

function validate(ctx, values, withPassword) {
  /** @type {Record<string, string[]>} */
  const errors = {};
  if (!values.code) errors.code = [ctx.t('app.common.required')];
  if (!values.display_name) errors.display_name = [ctx.t('app.common.required')];
  if (withPassword && values.password.length < MIN_PASSWORD) {
    errors.password = [ctx.t('app.enrol.password_short', { count: MIN_PASSWORD })];
  }
  return errors;
}

function passwordFallback(ctx) {
  const toggle = h('input', { type: 'checkbox', id: 'enrol-use-password', name: 'use_password' });
  const passwordField = field({ label: ctx.t('app.enrol.password'), name: 'password', type: 'password',
    autocomplete: 'new-password', minlength: String(MIN_PASSWORD),
    hint: ctx.t('app.enrol.password_hint', { count: MIN_PASSWORD }) });
  passwordField.hidden = true;
  toggle.addEventListener('change', () => {
    passwordField.hidden = !toggle.checked;
    if (toggle.checked) passwordField.querySelector('input').focus();
  });
  return h('div', { class: 'field field--check' },
    h('div', { class: 'check' }, toggle,
      h('label', { for: 'enrol-use-password' }, ctx.t('app.enrol.no_passkey'))),
    passwordField);
}

function passkeyStep(ctx, root, me, hasPassword) {
  const status = h('div', { id: 'passkey-step-status' });
  const create = h('button', { type: 'button', class: 'button button--primary button--wide', id: 'create-passkey' },
    ctx.t('app.enrol.create_passkey'));
  const later = h('a', { href: '#/home', class: 'button button--secondary' },
    ctx.t(hasPassword ? 'app.enrol.to_home' : 'app.enrol.later'));
  create.addEventListener('click', () => busy(create, async () => {
    replace(status);
    try {
      await registerPasskey();
      await ctx.refreshMe();
      create.hidden = true;
      replace(status, notice('success', ctx.t('app.enrol.passkey_done')));
      later.textContent = ctx.t('app.enrol.to_home');
      later.focus();
    } catch (error) {
      let key = isCancelled(error) ? 'app.enrol.passkey_cancelled' : 'app.enrol.passkey_failed';
      if (error.status === 403) key = 'app.errors.not_fresh';
      replace(status, notice('error', ctx.t(key)));
    }
  }));
  const supported = passkeysSupported();
  create.hidden = !supported;
  replace(root,
    h('h1', {}, ctx.t('app.enrol.welcome', { name: me.display_name || me.first_name || '' })),
    notice('success', ctx.t('app.enrol.done')),
    hasPassword && me.username
      ? h('p', { class: 'notice notice--info' }, ctx.t('app.enrol.username_assigned', { username: me.username }))
      : null,
    h('section', { class: 'card', 'aria-labelledby': 'passkey-step-heading' },
      h('h2', { id: 'passkey-step-heading' }, ctx.t('app.enrol.passkey_heading')),
      h('p', {}, ctx.t(supported ? 'app.enrol.passkey_intro' : 'app.enrol.passkey_unsupported')),
      h('div', { class: 'actions' }, create, later),
      status));
  screenReady(root, ctx.t('app.enrol.passkey_heading'));
}

export async function render(root, ctx) {
  const form = h('form', { id: 'enrol-form', class: 'form', novalidate: true },
    field({ label: ctx.t('app.enrol.code'), name: 'code', value: ctx.query.code || '', required: true,
      autocomplete: 'one-time-code', autocapitalize: 'characters', spellcheck: 'false',
      hint: ctx.t('app.enrol.code_hint') }),
    field({ label: ctx.t('app.enrol.display_name'), name: 'display_name', required: true,
      autocomplete: 'nickname', maxlength: '100', hint: ctx.t('app.enrol.display_name_hint') }),
    passwordFallback(ctx),
    h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('app.enrol.submit')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const withPassword = data.get('use_password') === 'on';
    const values = {
      code: formText(data, 'code'),
      display_name: formText(data, 'display_name'),
      password: String(data.get('password') || ''),
    };
    const errors = validate(ctx, values, withPassword);
    if (Object.keys(errors).length) {
      formErrors(form, { detail: ctx.t('app.common.check_fields'), errors });
      return;
    }
    const body = { code: values.code, display_name: values.display_name };
    if (withPassword) body.password = values.password;
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        const me = await ctx.api.post('/auth/enrol', body);
        await ctx.signedIn(me);
        passkeyStep(ctx, root, me, withPassword);
      } catch (error) {
        formErrors(form, enrolProblem(ctx, error));
      }
    });
  });
  replace(root,
    h('h1', {}, ctx.t('app.enrol.title')),
    h('p', { class: 'lead' }, ctx.t('app.enrol.lead')),
    h('section', { class: 'card' }, form),
    h('p', {}, h('a', { href: '#/login' }, ctx.t('app.enrol.have_account'))));
  screenReady(root, ctx.t('app.enrol.title'));
}
