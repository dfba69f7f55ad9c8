// One case: transfer data, status/outcome with follow-up date, and the contact log (no free text).

import {
  announce, busy, clearErrors, formatDate, formErrors, h, personName, replace, screenReady, selectField,
} from '../ui.js';
import { caseMessages } from './case-messages.js';
import { caseVacancies } from './case-vacancies.js';
import { prepare, statusBadge, todayIso } from './cases-common.js';

const STATUSES = ['neu', 'kontaktiert', 'in_beratung', 'vermittelt', 'nicht_erreichbar', 'abgelehnt', 'abgeschlossen'];
const OUTCOMES = ['erreicht', 'nicht_erreicht', 'nachricht_hinterlassen', 'termin_vereinbart',
  'termin_wahrgenommen', 'termin_nicht_wahrgenommen', 'unterlagen_zugesandt'];

// The transfer record stores the official keys (certificate SBO_10_7_x, option code, sex w/m/d):
// people read their names.
function transferData(ctx, item, catalog) {
  const certificate = (catalog.certificates || []).find((c) => c.code === item.prior_schooling.certificate);
  const wishOption = (catalog.options || []).find((o) => o.code === item.intended_training.option_code);
  const { identity, contact, prior_schooling: school, intended_training: wish } = item;
  const address = [contact.street, [contact.postcode, contact.city].filter(Boolean).join(' ')]
    .filter(Boolean).join(', ');
  const rows = [
    ['chain.case.birth_date', formatDate(identity.birth_date, ctx.lang)],
    ['chain.case.sex', identity.sex ? ctx.t(`chain.sex.${identity.sex}`) : '–'],
    ['chain.case.address', address || '–'],
    ['chain.case.email', contact.email || '–'],
    ['chain.case.phone', contact.phone || '–'],
    ['chain.case.preferred_channel', contact.preferred_channel ? ctx.t(`chain.channel.${contact.preferred_channel}`) : '–'],
    ['chain.case.school', school.school_name || '–'],
    ['chain.case.school_form', school.school_form || '–'],
    ['chain.case.certificate', certificate ? certificate.text : '–'],
    ['chain.case.wish', [wishOption ? wishOption.text : null, wish.text].filter(Boolean).join(' – ') || '–'],
    ['chain.case.recipient', item.recipient_name],
    ['chain.case.legal_basis', item.legal_basis],
    ['chain.case.handed_over_at', formatDate(item.handed_over_at, ctx.lang)],
  ];
  return h('section', { class: 'card', 'aria-labelledby': 'case-data-h' },
    h('h2', { id: 'case-data-h' }, ctx.t('chain.case.transfer_data')),
    h('dl', { class: 'meta' }, rows.map(([key, value]) => [h('dt', {}, ctx.t(key)), h('dd', {}, value)])));
}

// The leaving school's record as it changes (status and option only), so that nobody chases a
// youth the school has meanwhile placed; a Schulpflicht case says why it was opened.
function schoolSide(ctx, item, options) {
  const school = item.school_anschluss;
  const option = school && options.find((o) => o.code === school.option_code);
  return h('section', { class: 'card', 'aria-labelledby': 'case-school-h' },
    h('h2', { id: 'case-school-h' }, ctx.t('chain.case.school_side')),
    item.kind === 'schulpflicht' ? h('p', { class: 'notice notice--info' }, ctx.t('chain.case.schulpflicht')) : null,
    h('p', { id: 'case-school-anschluss' }, school
      ? ctx.t('chain.case.school_side_state', {
        status: ctx.t(`chain.anschluss_status.${school.status}`), option: option ? option.text : '–',
        date: formatDate(school.updated_at, ctx.lang),
      })
      : ctx.t('chain.case.school_side_none')),
    // Did the school record anything after the handover? Then the coordinator should read it first.
    school && item.handed_over_at
      ? h('p', { id: 'case-school-since', class: school.updated_at > item.handed_over_at ? 'notice notice--info' : 'subtle' },
        school.updated_at > item.handed_over_at
          ? ctx.t('chain.case.school_since_handover', { date: formatDate(school.updated_at, ctx.lang) })
          : ctx.t('chain.case.school_nothing_since'))
      : null);
}

function statusForm(ctx, item, options, onSaved) {
  const status = h('p', { role: 'status', class: 'chain-status-line', id: 'case-status-msg' });
  const form = h('form', { class: 'form', id: 'case-status-form', novalidate: true },
    selectField({ id: 'case-status', name: 'status', label: ctx.t('chain.case.status'), value: item.status,
      options: STATUSES.map((s) => ({ value: s, label: ctx.t(`chain.status.${s}`) })) }),
    selectField({ id: 'case-option', name: 'anschluss_option', label: ctx.t('chain.case.option'),
      hint: ctx.t('chain.case.option_hint'), value: item.anschluss_option || '',
      options: [{ value: '', label: ctx.t('chain.case.no_option') },
        ...options.map((o) => ({ value: o.code, label: o.text }))] }),
    h('div', { class: 'field' }, h('label', { for: 'case-follow-up' }, ctx.t('chain.case.follow_up_on')),
      h('input', { id: 'case-follow-up', name: 'follow_up_on', type: 'date', value: item.follow_up_on || '' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('chain.case.save'))),
    status);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { status: data.get('status'), anschluss_option: data.get('anschluss_option') || null,
      follow_up_on: data.get('follow_up_on') || null };
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        const saved = await ctx.api.patch(`/cases/${item.id}`, body);
        clearErrors(form);
        status.textContent = ctx.t('chain.case.saved');
        announce(status.textContent);
        onSaved(saved);
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'case-status-h' },
    h('h2', { id: 'case-status-h' }, ctx.t('chain.case.outcome_heading'), ' ', statusBadge(ctx, item.status)), form);
}

function contactLog(ctx, item, onSaved) {
  const list = item.contacts.length
    ? h('ol', { class: 'list chain-contacts' }, item.contacts.map((c) => h('li', { class: 'list-item' },
      h('strong', {}, formatDate(c.date, ctx.lang)), ' · ', ctx.t(`chain.channel.${c.channel}`), ' · ',
      ctx.t(`chain.outcome.${c.outcome}`), c.template ? ` · ${ctx.t(`casemsg.template.${c.template}`)}` : '')))
    : h('p', {}, ctx.t('chain.case.no_contacts'));
  const form = h('form', { class: 'form', id: 'case-contact-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'contact-date' }, ctx.t('chain.case.contact_date')),
      h('input', { id: 'contact-date', name: 'date', type: 'date', value: todayIso(), max: todayIso(), required: true })),
    selectField({ id: 'contact-channel', name: 'channel', label: ctx.t('chain.case.channel'),
      hint: ctx.t('chain.case.channel_hint'), value: item.default_channel,
      options: item.contact_channels.map((c) => ({ value: c, label: ctx.t(`chain.channel.${c}`) })) }),
    selectField({ id: 'contact-outcome', name: 'outcome', label: ctx.t('chain.case.outcome'),
      options: OUTCOMES.map((o) => ({ value: o, label: ctx.t(`chain.outcome.${o}`) })) }),
    h('p', { class: 'field-hint' }, ctx.t('chain.case.no_free_text')),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('chain.case.log_contact'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        await ctx.api.post(`/cases/${item.id}/contacts`,
          { date: data.get('date'), channel: data.get('channel'), outcome: data.get('outcome') });
        announce(ctx.t('chain.case.contact_saved'));
        onSaved();
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'case-contacts-h' },
    h('h2', { id: 'case-contacts-h' }, ctx.t('chain.case.contacts_heading')), list, form);
}

export async function render(root, ctx) {
  await prepare();
  const back = h('p', { class: 'breadcrumb' }, h('a', { href: '#/cases' }, ctx.t('chain.case.back')));
  let item;
  try {
    item = await ctx.api.get(`/cases/${encodeURIComponent(ctx.params.id)}`);
  } catch (error) {
    if (error.status !== 410) throw error;
    replace(root, back, h('h1', {}, ctx.t('chain.status.widerrufen')),
      h('p', { class: 'notice notice--info', role: 'status' }, ctx.t('chain.case.gone')));
    screenReady(root, ctx.t('chain.status.widerrufen'));
    return;
  }
  const catalog = await ctx.api.get('/anschluss/catalog');
  const options = (catalog.options || []).filter((o) => !['NOKEAN', 'UNBE', 'ABSENZ'].includes(o.code));
  const title = ctx.t('chain.case.title', { name: personName(item.identity) });
  const draw = async (current, message) => {
    const reload = async (text) => draw(await ctx.api.get(`/cases/${current.id}`), text);
    replace(root, back, h('h1', {}, title), schoolSide(ctx, current, catalog.options || []), transferData(ctx, current, catalog),
      statusForm(ctx, current, options, (saved) => draw(saved, ctx.t('chain.case.saved'))),
      contactLog(ctx, current, async () => draw(await ctx.api.get(`/cases/${current.id}`), ctx.t('chain.case.contact_saved'))),
      await caseMessages(ctx, current, reload),
      caseVacancies(ctx, current.id, async () => draw(await ctx.api.get(`/cases/${current.id}`))));
    if (message) {
      const line = root.querySelector('#case-status-msg');
      if (line) line.textContent = message;
    }
  };
  await draw(item);
  screenReady(root, title);
}
