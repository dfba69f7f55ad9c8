// #/activate?token=…: a new account (a company's contact person) sets its own password with
// the single-use link from the e-mail; nobody else ever saw it. Then the person is logged in.

import { busy, clearErrors, formErrors, h, notice, replace, screenReady } from '../ui.js';
import { checkNewPassword, newPasswordFields, passwordProblem } from './password-common.js';

function done(root, ctx, me) {
  const title = ctx.t('app.activate.done_title');
  replace(root,
    h('h1', {}, title),
    notice('success', ctx.t('app.activate.done', { username: me.username || '' })),
    h('p', {}, ctx.t('app.activate.passkey_hint')),
    h('div', { class: 'actions' },
      h('a', { href: '#/home', class: 'button button--primary' }, ctx.t('app.common.to_start')),
      h('a', { href: '#/passkeys', class: 'button button--secondary' }, ctx.t('nav.passkeys'))));
  screenReady(root, title);
}

export async function render(root, ctx) {
  const title = ctx.t('app.activate.title');
  const token = String(ctx.query.token || '');
  if (!token) {
    replace(root, h('h1', {}, title), notice('error', ctx.t('app.activate.no_token')));
    screenReady(root, title);
    return;
  }
  const form = h('form', { id: 'activate-form', class: 'form card', novalidate: true },
    ...newPasswordFields(ctx, 'password'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('app.activate.submit'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const values = { password: String(data.get('password') || ''), repeat: String(data.get('repeat') || '') };
    const errors = checkNewPassword(ctx, values, 'password');
    if (Object.keys(errors).length) {
      formErrors(form, { detail: ctx.t('app.common.check_fields'), errors });
      return;
    }
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        const me = await ctx.api.post('/auth/activate', { token, password: values.password });
        await ctx.signedIn(me);
        done(root, ctx, me);
      } catch (error) {
        formErrors(form, passwordProblem(ctx, error));
      }
    });
  });
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('app.activate.lead')),
    form);
  screenReady(root, title);
}
