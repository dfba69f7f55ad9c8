// #/password: change the own password (current one required; other sessions end). A user
// whose password someone else set lands here first and cannot leave before changing it
// (the API refuses everything else; app.js routes here). Passkey-only accounts are told
// they have no password.

import { busy, clearErrors, field, formErrors, h, notice, replace, screenReady } from '../ui.js';
import { checkNewPassword, newPasswordFields, passwordProblem } from './password-common.js';

export async function render(root, ctx) {
  const pupil = ctx.me.role === 'pupil';
  const title = ctx.t('app.password.title');
  if (!ctx.me.has_password) {
    replace(root, h('h1', {}, title),
      notice('info', ctx.t(pupil ? 'app.password.none_pupil' : 'app.password.none_staff')),
      h('p', {}, h('a', { href: '#/passkeys' }, ctx.t('nav.passkeys'))));
    screenReady(root, title);
    return;
  }
  const status = h('div', { id: 'password-status', tabindex: '-1' });
  const form = h('form', { id: 'password-form', class: 'form card', novalidate: true },
    field({ label: ctx.t('app.password.current'), name: 'current_password', type: 'password',
      required: true, autocomplete: 'current-password' }),
    ...newPasswordFields(ctx),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('app.password.submit'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const values = Object.fromEntries(['current_password', 'new_password', 'repeat']
      .map((name) => [name, String(data.get(name) || '')]));
    const errors = checkNewPassword(ctx, values);
    if (!values.current_password) errors.current_password = [ctx.t('app.common.required')];
    if (Object.keys(errors).length) {
      formErrors(form, { detail: ctx.t('app.common.check_fields'), errors });
      return;
    }
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        await ctx.api.post('/auth/password',
          { current_password: values.current_password, new_password: values.new_password });
        form.reset();
        await ctx.refreshMe();
        replace(status, notice('success', ctx.t(pupil ? 'app.password.changed_pupil' : 'app.password.changed_staff')),
          h('p', {}, h('a', { href: '#/home' }, ctx.t('app.common.to_start'))));
        status.focus();
      } catch (error) {
        formErrors(form, passwordProblem(ctx, error));
      }
    });
  });
  replace(root,
    h('h1', {}, title),
    ctx.me.must_change_password
      ? notice('info', ctx.t(pupil ? 'app.password.must_change_pupil' : 'app.password.must_change_staff'))
      : h('p', { class: 'lead' }, ctx.t(pupil ? 'app.password.lead_pupil' : 'app.password.lead_staff')),
    status,
    form);
  screenReady(root, title);
}
