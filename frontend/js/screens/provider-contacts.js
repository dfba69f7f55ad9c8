// #/provider/contacts: the contact persons of a company. A contact adds a colleague, who gets
// an activation link by e-mail and sets their own password (nobody else ever sees it), and
// removes colleagues; removing deactivates the account. The server keeps the last active
// contact (409).

import {
  announce, busy, clearErrors, confirmBox, errorText, field, filledValues, formErrors, formatDate, h, notice, personName,
  replace,
  screenReady,
} from '../ui.js';
import { prepare } from './internships-common.js';

const t = (ctx, key, params) => ctx.t(`internships.contacts.${key}`, params);

function problemText(ctx, error) {
  if (error.status === 409) return t(ctx, 'last_contact');
  if (error.status === 422) return ctx.t('app.common.check_fields');
  return errorText(error);
}

/** The new colleague was added: where the activation link went and until when it works. */
function created(ctx, result) {
  const headingId = 'contact-created-h';
  return h('section', { class: 'card contact-created', id: 'contact-created', 'aria-labelledby': headingId, tabindex: '-1' },
    h('h2', { id: headingId }, t(ctx, 'created_heading', { name: personName(result.contact) })),
    notice('info', t(ctx, 'link_sent', { email: result.contact.email,
      date: formatDate(result.activation_expires_at, ctx.lang) })),
    h('dl', { class: 'meta contact-created__login' },
      h('dt', {}, t(ctx, 'username')), h('dd', { id: 'contact-created-username' }, result.contact.username)));
}

function addForm(ctx, providerId, onCreated) {
  const form = h('form', { class: 'form card', id: 'contact-form', novalidate: true, 'aria-labelledby': 'contact-form-h' },
    h('h2', { id: 'contact-form-h' }, t(ctx, 'add_heading')),
    field({ label: t(ctx, 'first_name'), name: 'first_name', required: true, maxlength: 100, autocomplete: 'off' }),
    field({ label: t(ctx, 'last_name'), name: 'last_name', required: true, maxlength: 100, autocomplete: 'off' }),
    field({ label: t(ctx, 'email'), name: 'email', type: 'email', required: true, maxlength: 255, autocomplete: 'off',
      hint: t(ctx, 'email_hint') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, t(ctx, 'add'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = filledValues(form);
    const missing = ['first_name', 'last_name', 'email'].filter((name) => !body[name]);
    if (missing.length) {
      formErrors(form, { errors: Object.fromEntries(missing.map((name) => [name, [ctx.t('app.common.required')]])) },
        ctx.t('app.common.check_fields'));
      return;
    }
    busy(form.querySelector('button[type="submit"]'), async () => {
      clearErrors(form);
      try {
        const created = await ctx.api.post(`/providers/${providerId}/contacts`, body);
        form.reset();
        await onCreated(created);
      } catch (error) {
        formErrors(form, { detail: problemText(ctx, error), errors: error.errors });
      }
    });
  });
  return form;
}

function confirmRemove(ctx, providerId, contact, done) {
  return confirmBox({
    id: `contact-${contact.id}-remove-q`,
    question: t(ctx, 'remove_question', { name: personName(contact) }),
    confirmLabel: t(ctx, 'remove_confirm'),
    onConfirm: async () => {
      await ctx.api.del(`/providers/${providerId}/contacts/${contact.id}`);
      await done(true);
    },
    onCancel: () => done(false),
    failureText: (error) => problemText(ctx, error),
  });
}

function contactItem(ctx, providerId, contact, reload) {
  const name = personName(contact);
  const headingId = `contact-${contact.id}-h`;
  const self = contact.id === ctx.me.id;
  const actions = h('div', { class: 'actions' });
  const item = h('li', { class: 'list-item', id: `contact-${contact.id}`, 'aria-labelledby': headingId },
    h('h3', { class: 'list-item__title', id: headingId }, name, ' ',
      contact.active ? (self ? h('span', { class: 'badge' }, t(ctx, 'you')) : null)
        : h('span', { class: 'badge' }, t(ctx, 'inactive'))),
    h('dl', { class: 'meta' },
      h('dt', {}, t(ctx, 'username')), h('dd', {}, contact.username || '–'),
      h('dt', {}, t(ctx, 'email')), h('dd', {}, contact.email || '–'),
      h('dt', {}, t(ctx, 'since')), h('dd', {}, formatDate(contact.created_at, ctx.lang) || '–'),
      contact.activated ? null : [h('dt', {}, t(ctx, 'activation')), h('dd', {}, contact.activation_expires_at
        ? t(ctx, 'activation_open', { date: formatDate(contact.activation_expires_at, ctx.lang) })
        : t(ctx, 'activation_expired'))]),
    actions);
  if (!contact.active || self) return item;
  if (!contact.activated) {
    const resend = h('button', { type: 'button', class: 'button button--secondary', id: `contact-${contact.id}-resend`,
      'aria-label': t(ctx, 'resend_label', { name }) }, t(ctx, 'resend'));
    resend.addEventListener('click', () => busy(resend, async () => {
      try {
        const updated = await ctx.api.post(`/providers/${providerId}/contacts/${contact.id}/activation`);
        await reload(notice('success', t(ctx, 'resent', { name, email: updated.email || '',
          date: formatDate(updated.activation_expires_at, ctx.lang) })));
      } catch (error) {
        await reload(notice('error', errorText(error)));
      }
    }));
    actions.append(resend);
  }
  const remove = h('button', { type: 'button', class: 'button button--danger-quiet', id: `contact-${contact.id}-remove`,
    'aria-label': t(ctx, 'remove_label', { name }) }, t(ctx, 'remove'));
  remove.addEventListener('click', () => {
    const box = confirmRemove(ctx, providerId, contact, async (changed) => {
      if (changed) {
        announce(t(ctx, 'removed', { name }));
        await reload(notice('success', t(ctx, 'removed', { name })));
        return;
      }
      box.replaceWith(actions);
      remove.focus();
    });
    actions.replaceWith(box);
  });
  actions.append(remove);
  return item;
}

export async function render(root, ctx) {
  await prepare();
  const title = t(ctx, 'title');
  const providerId = ctx.me.provider_id;
  if (!providerId) {
    replace(root, h('h1', {}, title), notice('info', t(ctx, 'no_provider')),
      h('p', {}, h('a', { href: '#/provider' }, ctx.t('internships.provider.title'))));
    screenReady(root, title);
    return;
  }
  const status = h('div', { id: 'contacts-status', tabindex: '-1' });
  const list = h('ul', { class: 'list', id: 'contact-list', 'aria-labelledby': 'contact-list-h' });

  async function reload(message) {
    const contacts = await ctx.api.get(`/providers/${providerId}/contacts`);
    replace(list, contacts.map((contact) => contactItem(ctx, providerId, contact, reload)));
    if (message) {
      replace(status, message);
      status.focus();
    }
  }

  replace(root,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/provider' }, ctx.t('internships.provider.title'))),
    h('h1', {}, title),
    h('p', { class: 'lead' }, t(ctx, 'lead')),
    status,
    h('h2', { id: 'contact-list-h' }, t(ctx, 'list_heading')),
    list,
    addForm(ctx, providerId, async (result) => {
      announce(t(ctx, 'created_heading', { name: personName(result.contact) }));
      await reload(created(ctx, result));
      /** @type {HTMLElement} */ (status.querySelector('#contact-created')).focus();
    }));
  await reload();
  screenReady(root, title);
}
