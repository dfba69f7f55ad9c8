// Shared by "Passwort ändern" and the activation page: the two new-password fields, their
// checks before sending (length, repetition) and the server's problems in the form.

import { errorText, field } from '../ui.js';

export const MIN_PASSWORD = 10;

/** The new password and its repetition (autocomplete new-password, length hint). */
export function newPasswordFields(ctx, name = 'new_password') {
  return [
    field({ label: ctx.t('app.password.new'), name, type: 'password', required: true,
      autocomplete: 'new-password', minlength: String(MIN_PASSWORD),
      hint: ctx.t('app.password.new_hint', { count: MIN_PASSWORD }) }),
    field({ label: ctx.t('app.password.repeat'), name: 'repeat', type: 'password', required: true,
      autocomplete: 'new-password' }),
  ];
}

/** Field errors found before sending: {field: [message]} (empty when fine). */
export function checkNewPassword(ctx, values, name = 'new_password') {
  /** @type {Record<string, string[]>} */
  const errors = {};
  if (values[name].length < MIN_PASSWORD) errors[name] = [ctx.t('app.password.too_short', { count: MIN_PASSWORD })];
  else if (values[name] !== values.repeat) errors.repeat = [ctx.t('app.password.mismatch')];
  return errors;
}

/** A problem of the server as {detail, errors} for formErrors. */
export function passwordProblem(ctx, error) {
  if (error.status === 429) return { detail: ctx.t('app.login.too_many') };
  return { detail: errorText(error), errors: error.errors };
}
