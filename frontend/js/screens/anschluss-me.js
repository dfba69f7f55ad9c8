// Pupil: my Anschluss, my agreement (confirm, tick off steps), report news to my teacher.

import {
  actionButton, announce, busy, errorText, formatDate, formErrors, h, notice, replace, screenReady, selectField,
} from '../ui.js';
import { optionLabel, prepare, statusLabel } from './anschluss-common.js';
import { declarationCard } from './anschluss-declaration.js';

const NEWS = ['zugesagt', 'beworben', 'angetreten', 'nokean'];

function newsForm(ctx, mine, reload) {
  if (mine.reports.some((report) => report.state === 'pending')) {
    return notice('info', ctx.t('anschluss.me.pending'));
  }
  const form = h('form', { class: 'form', id: 'news-form', novalidate: true },
    selectField({
      id: 'news-status', name: 'proposed_status', label: ctx.t('anschluss.me.news_status'), required: true,
      options: NEWS.map((status) => ({ value: status, label: ctx.t(`anschluss.me.news_${status}`) })), value: 'zugesagt',
    }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('anschluss.me.send'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        await ctx.api.post('/me/anschluss/reports', { proposed_status: new FormData(form).get('proposed_status') });
        announce(ctx.t('anschluss.me.sent'));
        await reload();
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return form;
}

function agreementSection(ctx, catalog, agreement, reload) {
  if (!agreement) return h('p', {}, ctx.t('anschluss.me.no_agreement'));
  const confirm = agreement.confirmed_at
    ? h('p', {}, ctx.t('anschluss.pupil.confirmed', { date: formatDate(agreement.confirmed_at, ctx.lang) }))
    : actionButton({
      label: ctx.t('anschluss.me.confirm'), kind: 'button--primary', id: 'confirm-agreement',
      onClick: async () => {
        await ctx.api.post(`/me/anschlussvereinbarungen/${agreement.id}/confirm`);
        announce(ctx.t('anschluss.me.confirmed_ok'));
        await reload();
      },
    });
  return h('div', {},
    h('p', {}, ctx.t('anschluss.pupil.version', { version: agreement.version, date: formatDate(agreement.created_at, ctx.lang) })),
    h('dl', { class: 'meta' },
      h('dt', {}, ctx.t('anschluss.form.wish_option')), h('dd', {}, optionLabel(catalog, agreement.wish_option)),
      h('dt', {}, ctx.t('anschluss.form.wish_text')), h('dd', {}, agreement.wish_text || '—')),
    h('h3', {}, ctx.t('anschluss.form.steps')),
    h('ul', { class: 'list' }, agreement.next_steps.map((step) => {
      const id = `my-step-${step.id}`;
      const box = h('input', { type: 'checkbox', id, checked: step.done });
      box.addEventListener('change', async () => {
        try {
          await ctx.api.patch(`/anschluss-steps/${step.id}`, { done: box.checked });
          announce(ctx.t('anschluss.common.saved'));
        } catch (error) {
          // Not saved: the box shows the stored state again, and the pupil hears why.
          box.checked = !box.checked;
          announce(errorText(error));
        }
      });
      return h('li', { class: 'list-item check' }, box, h('label', { for: id },
        `${step.description}${step.due_on ? ` (${formatDate(step.due_on, ctx.lang)})` : ''} – ${ctx.t(`anschluss.owner.${step.owner}`)}`));
    })),
    h('div', { class: 'actions' }, confirm,
      h('a', { class: 'button button--secondary', href: `/api/v1/anschlussvereinbarungen/${agreement.id}/pdf`, download: '' },
        ctx.t('anschluss.pupil.pdf', { version: agreement.version }))));
}

export async function render(root, ctx) {
  const catalog = await prepare(ctx);
  const title = ctx.t('anschluss.me.title');
  const draw = async (focus) => {
    const [mine, declaration] = await Promise.all([
      ctx.api.get('/me/anschluss'), declarationCard(ctx, () => draw(false))]);
    replace(root,
      h('h1', {}, title),
      declaration,
      h('section', { class: 'card', 'aria-labelledby': 'me-status-h' },
        h('h2', { id: 'me-status-h' }, ctx.t('anschluss.me.status')),
        h('p', { id: 'my-status' }, statusLabel(ctx, mine.anschluss.status),
          mine.anschluss.option_code ? ` – ${optionLabel(catalog, mine.anschluss.option_code)}` : '')),
      h('section', { class: 'card', 'aria-labelledby': 'me-news-h' },
        h('h2', { id: 'me-news-h' }, ctx.t('anschluss.me.news')),
        h('p', {}, ctx.t('anschluss.me.news_lead')),
        newsForm(ctx, mine, () => draw(false))),
      h('section', { class: 'card', 'aria-labelledby': 'me-agreement-h' },
        h('h2', { id: 'me-agreement-h' }, ctx.t('anschluss.me.agreement')),
        agreementSection(ctx, catalog, mine.agreement, () => draw(false))));
    if (focus) screenReady(root, title);
  };
  await draw(true);
}
