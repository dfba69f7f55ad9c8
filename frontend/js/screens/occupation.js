// #/occupations/:id: what an occupation is about, typical tasks, the school certificate it
// usually takes, BERUFENET, "Praktikum dazu finden" and the Merkliste toggle.

import { loadNamespace } from '../i18n.js';
import { announce, ensureStylesheet, h, replace, screenReady } from '../ui.js';

const CERTIFICATE_LEVELS = ['fachkraft', 'spezialist', 'experte', 'helfer'];

/** The Merkliste toggle: a pressed button when the occupation is on the list. */
export function rememberButton(ctx, { id, title }, onList) {
  const button = h('button', {
    type: 'button', class: 'button button--secondary remember', id: 'remember',
    'aria-pressed': String(onList), 'aria-label': ctx.t('occupations.remember_label', { title }),
  });
  const label = () => {
    button.textContent = button.getAttribute('aria-pressed') === 'true'
      ? `★ ${ctx.t('occupations.remembered')}` : `☆ ${ctx.t('occupations.remember')}`;
  };
  label();
  button.addEventListener('click', async () => {
    const on = button.getAttribute('aria-pressed') !== 'true';
    button.disabled = true;
    try {
      if (on) await ctx.api.put(`/me/favourites/${id}`, {});
      else await ctx.api.del(`/me/favourites/${id}`);
      button.setAttribute('aria-pressed', String(on));
      label();
      announce(ctx.t(on ? 'occupations.added' : 'occupations.removed', { title }));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

export function offersLink(ctx, kuerzel, fieldText) {
  if (!kuerzel) return null;
  return h('a', { class: 'button button--primary', id: 'find-offers', href: `#/offers?berufsfeld=${encodeURIComponent(kuerzel)}` },
    fieldText ? ctx.t('occupations.find_offers_field', { field: fieldText }) : ctx.t('occupations.find_offers'));
}

export async function render(root, ctx) {
  await Promise.all([loadNamespace('occupations'), ensureStylesheet('/css/interests.css')]);
  const [occupation, favourites] = await Promise.all([
    ctx.api.get(`/occupations/${encodeURIComponent(ctx.params.id)}`),
    ctx.api.get('/me/favourites'),
  ]);
  const onList = favourites.some((entry) => entry.occupation_id === occupation.id);
  const level = CERTIFICATE_LEVELS.includes(occupation.level) ? occupation.level : 'unknown';
  replace(root,
    h('p', {}, h('a', { href: '#/interests/results' }, ctx.t('occupations.back_results'))),
    h('h1', {}, occupation.title),
    occupation.berufsfeld ? h('p', { class: 'subtle' }, h('a', { href: `#/berufsfelder/${occupation.berufsfeld}` },
      ctx.t('occupations.field', { field: occupation.berufsfeld_text }))) : null,
    h('div', { class: 'actions' }, rememberButton(ctx, occupation, onList),
      offersLink(ctx, occupation.berufsfeld, null)),
    occupation.description ? h('section', { 'aria-labelledby': 'about-heading' },
      h('h2', { id: 'about-heading' }, ctx.t('occupations.about')),
      h('p', { lang: 'de', id: 'occupation-description' }, occupation.description)) : null,
    occupation.tasks.length ? h('section', { 'aria-labelledby': 'tasks-heading' },
      h('h2', { id: 'tasks-heading' }, ctx.t('occupations.tasks')),
      h('ul', { id: 'occupation-tasks', lang: 'de' }, occupation.tasks.map((task) => h('li', {}, task)))) : null,
    h('section', { 'aria-labelledby': 'certificate-heading' },
      h('h2', { id: 'certificate-heading' }, ctx.t('occupations.certificate_heading')),
      h('p', {}, ctx.t(`occupations.certificate.${level}`))),
    occupation.berufenet_url ? h('p', {}, h('a', {
      href: occupation.berufenet_url, target: '_blank', rel: 'noopener noreferrer', id: 'berufenet-link',
    }, ctx.t('occupations.berufenet'))) : null,
    h('p', { class: 'subtle' }, ctx.t('occupations.source')));
  screenReady(root, occupation.title);
}
