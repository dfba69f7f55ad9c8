// Pupils: allow push notices on this device (booking confirmed, waiting-list place, reminder the
// day before, a coordinator's message). The subscription ends with this login.

import { loadNamespace } from '../i18n.js';
import { busy, h, notice, replace } from '../ui.js';

function base64ToBytes(text) {
  const padded = `${text}${'='.repeat((4 - (text.length % 4)) % 4)}`.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(padded), (char) => char.charCodeAt(0));
}

async function currentSubscription() {
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

/** The push switch, or null where the browser or the server offers no push. */
export async function pushToggle(ctx) {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || ctx.me?.role !== 'pupil') return null;
  const [state] = await Promise.all([ctx.api.get('/me/push-subscriptions'), loadNamespace('notifications')]);
  if (!state.vapid_public_key) return null;
  const status = h('div', { id: 'push-status' });
  const button = h('button', { type: 'button', class: 'button button--secondary', id: 'push-toggle' });
  const show = async () => {
    const subscribed = Boolean(await currentSubscription());
    button.textContent = ctx.t(subscribed ? 'notifications.push_off' : 'notifications.push_on');
    button.setAttribute('aria-pressed', String(subscribed));
  };
  button.addEventListener('click', () => busy(button, async () => {
    const existing = await currentSubscription();
    try {
      if (existing) {
        await ctx.api.del('/me/push-subscriptions', { body: { endpoint: existing.endpoint } });
        await existing.unsubscribe();
      } else {
        const registration = await navigator.serviceWorker.ready;
        const subscription = await registration.pushManager.subscribe({
          userVisibleOnly: true, applicationServerKey: base64ToBytes(state.vapid_public_key),
        });
        await ctx.api.post('/me/push-subscriptions', subscription.toJSON());
      }
      replace(status);
    } catch {
      replace(status, notice('error', ctx.t('notifications.push_failed')));
    }
    await show();
  }));
  await show();
  return h('section', { class: 'card', 'aria-labelledby': 'push-h' },
    h('h2', { id: 'push-h' }, ctx.t('notifications.push_heading')),
    h('p', {}, ctx.t('notifications.push_text')), h('div', { class: 'actions' }, button), status);
}
