// Staff (class teacher, StuBO): the pupil's guardian links — issue one (link and QR code shown
// once), revoke, and record that the guardians decide although the pupil is 14 or older.

import { GUARDIAN_LANGUAGES, LANGUAGE_NAMES, loadNamespace } from '../i18n.js';
import {
  actionButton, announce, busy, ensureStylesheet, formatDate, h, notice, replace, select,
} from '../ui.js';

function qrImage(svg) {
  return h('img', { class: 'guardian-qr', alt: '', src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
}

function linkList(ctx, pupilId, rows, redraw) {
  if (!rows.length) return h('p', {}, ctx.t('guardianstaff.none'));
  return h('ul', { class: 'list', id: 'guardian-links' }, rows.map((link) => h('li', { class: 'list-item' },
    h('p', {}, ctx.t(link.active ? 'guardianstaff.active' : 'guardianstaff.ended', {
      language: LANGUAGE_NAMES[link.language], date: formatDate(link.created_at, ctx.lang),
      until: formatDate(link.expires_at, ctx.lang),
    })),
    link.last_used_at ? h('p', { class: 'subtle' }, ctx.t('guardianstaff.used', { date: formatDate(link.last_used_at, ctx.lang) })) : null,
    link.active ? actionButton({
      label: ctx.t('guardianstaff.revoke'), kind: 'button--danger-quiet',
      onClick: async () => {
        await ctx.api.del(`/guardian-links/${link.id}`);
        await redraw(ctx.t('guardianstaff.revoked'));
      },
    }) : null)));
}

export async function guardianLinksSection(ctx, pupilId) {
  await Promise.all([loadNamespace('guardianstaff'), ensureStylesheet('/css/guardian.css')]);
  const section = h('section', { class: 'card', 'aria-labelledby': 'guardian-staff-h' });
  const draw = async (message, issued) => {
    const [rows, sharing] = await Promise.all([
      ctx.api.get(`/pupils/${pupilId}/guardian-links`), ctx.api.get(`/pupils/${pupilId}/guardian-requirement`),
    ]);
    const language = select({ id: 'guardian-link-language', name: 'language', value: 'de',
      options: GUARDIAN_LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] })) });
    const issue = h('button', { type: 'button', class: 'button button--secondary', id: 'issue-guardian-link' }, ctx.t('guardianstaff.issue'));
    issue.addEventListener('click', () => busy(issue, async () => {
      const link = await ctx.api.post(`/pupils/${pupilId}/guardian-links`, { language: language.value });
      await draw(ctx.t('guardianstaff.issued'), link);
    }));
    const required = h('input', { type: 'checkbox', id: 'guardian-required', checked: sharing.guardian_required });
    required.addEventListener('change', () => busy(required, async () => {
      await ctx.api.put(`/pupils/${pupilId}/guardian-requirement`, { guardian_required: required.checked });
      announce(ctx.t('guardianstaff.required_saved'));
    }));
    replace(section,
      h('h2', { id: 'guardian-staff-h' }, ctx.t('guardianstaff.heading')),
      h('p', {}, ctx.t('guardianstaff.lead')),
      message ? notice('success', message) : null,
      issued ? h('div', { class: 'guardian-issued' }, qrImage(issued.qr_svg),
        h('p', { class: 'guardian-issued__url' }, issued.url), h('p', { class: 'subtle' }, ctx.t('guardianstaff.once'))) : null,
      linkList(ctx, pupilId, rows, (text) => draw(text)),
      h('div', { class: 'field' }, h('label', { for: 'guardian-link-language' }, ctx.t('guardianstaff.language')), language),
      h('div', { class: 'actions' }, issue),
      h('div', { class: 'checkbox' }, required, h('label', { for: 'guardian-required' }, ctx.t('guardianstaff.required'))));
    if (message) announce(message);
  };
  await draw();
  return section;
}
