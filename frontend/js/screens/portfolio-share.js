// "Share with my class teacher": a toggle button for one item (a step or an interest profile).
// Offline, the change goes to the outbox and is sent when the connection returns.

import { enqueue } from '../drafts.js';
import { announce, h } from '../ui.js';
import { isOffline } from '../api.js';

async function send(ctx, itemType, itemId, share) {
  const body = { item_type: itemType, item_id: itemId };
  const query = `/me/shares?item_type=${encodeURIComponent(itemType)}&item_id=${encodeURIComponent(itemId)}`;
  try {
    if (share) await ctx.api.post('/me/shares', body);
    else await ctx.api.del(query);
    return 'sent';
  } catch (error) {
    if (!isOffline(error)) throw error;
    await enqueue(share ? { method: 'POST', path: '/me/shares', body } : { method: 'DELETE', path: query });
    return 'queued';
  }
}

/** A section with explanation, a pressed/unpressed toggle button and a live status line. */
export function shareControl(ctx, { itemType, itemId, shared, id }) {
  let state = Boolean(shared);
  const status = h('p', { class: 'share__status', id: `${id}-status`, role: 'status' },
    state ? ctx.t('portfolio.share.is_shared') : ctx.t('portfolio.share.is_private'));
  const button = h('button', {
    type: 'button', class: 'button button--secondary share__toggle', id,
    'aria-pressed': String(state), 'aria-describedby': `${id}-status`,
  }, ctx.t('portfolio.share.toggle'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const outcome = await send(ctx, itemType, itemId, !state);
      state = !state;
      button.setAttribute('aria-pressed', String(state));
      const text = state ? ctx.t('portfolio.share.is_shared') : ctx.t('portfolio.share.is_private');
      status.textContent = outcome === 'queued' ? `${text} ${ctx.t('portfolio.share.queued')}` : text;
      announce(status.textContent);
    } catch (error) {
      status.textContent = error.detail || ctx.t('portfolio.share.failed');
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card share', 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading` }, ctx.t('portfolio.share.heading')),
    h('p', {}, ctx.t('portfolio.share.text')),
    button, status);
}
