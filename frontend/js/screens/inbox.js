// #/inbox: the user's notifications, newest first; mark one or all as read.

import { loadNamespace } from '../i18n.js';
import { announce, busy, ensureStylesheet, formatDateTime, h, notice, replace, screenReady } from '../ui.js';
import { refreshInboxBadge } from './inbox-badge.js';
import { pushToggle } from './push-toggle.js';

const PER_PAGE = 20;

function text(ctx, item, field) {
  return ctx.lang === 'en' ? item[`${field}_en`] : item[`${field}_de`];
}

function itemCard(ctx, item, onRead) {
  const title = text(ctx, item, 'title');
  const headingId = `note-${item.id}`;
  const markButton = item.read ? null : h('button', {
    type: 'button', class: 'button button--secondary',
    'aria-label': ctx.t('notifications.mark_read_label', { title }),
    onclick: (event) => busy(event.currentTarget, () => onRead(item)),
  }, ctx.t('notifications.mark_read'));
  return h('li', {
    class: ['list-item', 'inbox-item', item.read ? '' : 'inbox-item--unread'],
    'aria-labelledby': headingId, dataset: { id: String(item.id) },
  },
  h('h2', { class: 'list-item__title', id: headingId },
    item.read ? null : h('span', { class: 'badge' }, ctx.t('notifications.unread')), item.read ? null : ' ',
    title),
  h('p', { class: 'subtle inbox-item__date' }, formatDateTime(item.created_at, ctx.lang)),
  h('p', { class: 'inbox-item__body' }, text(ctx, item, 'body')),
  h('div', { class: 'actions' },
    h('a', {
      class: 'button button--primary', href: `#${item.link}`,
      'aria-label': ctx.t('notifications.open_label', { title }),
      onclick: () => { if (!item.read) onRead(item, true).catch(() => {}); },
    }, ctx.t('notifications.open')),
    markButton));
}

export async function render(root, ctx) {
  await Promise.all([loadNamespace('notifications'), ensureStylesheet('/css/inbox.css')]);
  const title = ctx.t('notifications.title');
  const list = h('ol', { class: 'list', id: 'inbox-list' });
  const summary = h('p', { class: 'subtle', id: 'inbox-summary' });
  const more = h('button', { type: 'button', class: 'button button--secondary', hidden: true },
    ctx.t('notifications.more'));
  const markAll = h('button', { type: 'button', class: 'button button--secondary', id: 'mark-all' },
    ctx.t('notifications.mark_all'));
  const state = { page: 1, items: [], total: 0, unread: 0 };

  const draw = () => {
    replace(list, state.items.map((item) => itemCard(ctx, item, markRead)));
    if (!state.items.length) replace(list, h('li', {}, notice('info', ctx.t('notifications.none'))));
    summary.textContent = ctx.t('notifications.count', { unread: state.unread, total: state.total });
    more.hidden = state.items.length >= state.total;
    markAll.disabled = state.unread === 0;
  };
  async function load(page) {
    const data = await ctx.api.get(`/me/notifications?page=${page}&per_page=${PER_PAGE}`);
    state.page = page;
    state.items = page === 1 ? data.items : state.items.concat(data.items);
    state.total = data.total;
    state.unread = data.unread;
    draw();
  }
  async function markRead(item, quiet = false) {
    await ctx.api.post(`/me/notifications/${item.id}/read`);
    item.read = true;
    state.unread = Math.max(0, state.unread - 1);
    if (!quiet) {
      draw();
      announce(ctx.t('notifications.marked'));
      const heading = root.querySelector('h1');
      if (heading) heading.focus();
    }
    refreshInboxBadge(ctx.me).catch(() => {});
  }
  more.addEventListener('click', () => busy(more, () => load(state.page + 1)));
  markAll.addEventListener('click', () => busy(markAll, async () => {
    await ctx.api.post('/me/notifications/read-all');
    state.items.forEach((item) => { item.read = true; });
    state.unread = 0;
    draw();
    announce(ctx.t('notifications.all_read'));
    refreshInboxBadge(ctx.me).catch(() => {});
  }));

  const push = await pushToggle(ctx).catch(() => null);
  replace(root, h('h1', {}, title), h('p', { class: 'lead' }, ctx.t('notifications.lead')),
    summary, h('div', { class: 'actions' }, markAll), list, h('div', { class: 'actions' }, more), push);
  await load(1);
  screenReady(root, title);
}
