// Self-found placements (Praktikum, Sek II Praxiselemente). Pupil: "Mein Praktikum" — record the
// place you found, download the agreement to have it signed. Class teacher / StuBO: the pupil's
// KAoA target groups, the placements with confirmation, visiting teacher, visit and certificate.

import { loadNamespace } from '../i18n.js';
import {
  actionButton, announce, busy, clearErrors, field, formatDate, formErrors, h, notice, replace,
  screenReady, selectField,
} from '../ui.js';

const TARGET_GROUPS = ['sen_learning', 'star', 'kaoa_kompakt'];
const FOERDERSCHWERPUNKTE = ['LE', 'ES', 'SQ', 'GG', 'KM', 'HK', 'SE', 'AU'];

function text(form, name) {
  const value = new FormData(form).get(name);
  return value === null ? '' : String(value).trim();
}

/** The form to record a placement (pupil and staff). */
function placementForm(ctx, pupilId, staff, reload) {
  const form = h('form', { class: 'form', id: 'placement-form', novalidate: true },
    field({ id: 'pl-company', name: 'company_name', label: ctx.t('placements.form.company'), required: true, maxlength: 200 }),
    field({ id: 'pl-street', name: 'street', label: ctx.t('placements.form.street'), maxlength: 200 }),
    field({ id: 'pl-postcode', name: 'postcode', label: ctx.t('placements.form.postcode'), inputmode: 'numeric', maxlength: 5 }),
    field({ id: 'pl-city', name: 'city', label: ctx.t('placements.form.city'), maxlength: 120 }),
    field({ id: 'pl-contact', name: 'contact_name', label: ctx.t('placements.form.contact'), maxlength: 200 }),
    field({ id: 'pl-phone', name: 'contact_phone', label: ctx.t('placements.form.phone'), type: 'tel', maxlength: 40 }),
    field({ id: 'pl-email', name: 'contact_email', label: ctx.t('placements.form.email'), type: 'email', maxlength: 255 }),
    field({ id: 'pl-occupation', name: 'occupation', label: ctx.t('placements.form.occupation'), maxlength: 200 }),
    field({ id: 'pl-start', name: 'starts_on', type: 'date', label: ctx.t('placements.form.starts_on'), required: true }),
    field({ id: 'pl-end', name: 'ends_on', type: 'date', label: ctx.t('placements.form.ends_on'), required: true }),
    field({ id: 'pl-daily-start', name: 'daily_start', type: 'time', label: ctx.t('placements.form.daily_start'), required: true, value: '08:00' }),
    field({ id: 'pl-daily-end', name: 'daily_end', type: 'time', label: ctx.t('placements.form.daily_end'), required: true, value: '14:30' }),
    field({ id: 'pl-break', name: 'break_minutes', type: 'number', min: 0, max: 240, value: '30',
      label: ctx.t('placements.form.break'), hint: ctx.t('placements.form.hours_hint') }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('placements.form.save'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {};
    for (const name of ['company_name', 'street', 'postcode', 'city', 'contact_name', 'contact_phone', 'occupation']) body[name] = text(form, name);
    if (text(form, 'contact_email')) body.contact_email = text(form, 'contact_email');
    for (const name of ['starts_on', 'ends_on', 'daily_start', 'daily_end']) body[name] = text(form, name) || null;
    body.break_minutes = text(form, 'break_minutes') === '' ? null : Number(text(form, 'break_minutes'));
    if (staff) body.confirm = false;
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        await ctx.api.post(`/pupils/${pupilId}/placements`, body);
        await reload(ctx.t('placements.saved'));
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return form;
}

function period(ctx, placement) {
  return `${formatDate(placement.starts_on, ctx.lang)} – ${formatDate(placement.ends_on, ctx.lang)}`;
}

/** Staff: confirm, take over the visit, plan/record it, record the certificate. */
function staffActions(ctx, placement, reload) {
  if (placement.status === 'withdrawn') return null;
  const id = `pl-${placement.id}`;
  const form = h('form', { class: 'form placement-staff', id: `${id}-staff`, novalidate: true },
    field({ id: `${id}-visit`, name: 'visit_planned_on', type: 'date', label: ctx.t('placements.staff.visit_planned'), value: placement.visit_planned_on || '' }),
    field({ id: `${id}-visited`, name: 'visited_on', type: 'date', label: ctx.t('placements.staff.visited'), value: placement.visited_on || '' }),
    field({ id: `${id}-certificate`, name: 'certificate_received_on', type: 'date', label: ctx.t('placements.staff.certificate'), value: placement.certificate_received_on || '' }),
    field({ id: `${id}-assessment`, name: 'assessment', type: 'textarea', label: ctx.t('placements.staff.assessment'), maxlength: 4000, rows: 3 }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--secondary' }, ctx.t('placements.staff.save'))));
  /** @type {HTMLTextAreaElement} */ (form.querySelector('textarea')).value = placement.assessment || '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { assessment: text(form, 'assessment') };
    for (const name of ['visit_planned_on', 'visited_on', 'certificate_received_on']) body[name] = text(form, name) || null;
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        await ctx.api.patch(`/placements/${placement.id}`, body);
        await reload(ctx.t('placements.saved'));
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  const company = placement.company_name;
  return h('div', { class: 'placement-actions' },
    h('div', { class: 'actions' },
      placement.status === 'proposed' ? actionButton({
        label: ctx.t('placements.staff.confirm'), kind: 'button--primary', id: `${id}-confirm`,
        ariaLabel: ctx.t('placements.staff.confirm_for', { company }),
        onClick: async () => { await ctx.api.patch(`/placements/${placement.id}`, { status: 'confirmed' }); await reload(ctx.t('placements.saved')); },
      }) : null,
      placement.visiting_teacher_id !== ctx.me.id ? actionButton({
        label: ctx.t('placements.staff.take_visit'), id: `${id}-take-visit`,
        ariaLabel: ctx.t('placements.staff.take_visit_for', { company }),
        onClick: async () => { await ctx.api.patch(`/placements/${placement.id}`, { visiting_teacher_id: ctx.me.id }); await reload(ctx.t('placements.saved')); },
      }) : null),
    form);
}

function placementItem(ctx, placement, staff, reload) {
  const statusKey = `placements.status.${placement.status}`;
  return h('li', { class: 'list-item placement', dataset: { placementId: String(placement.id) } },
    h('h3', { class: 'list-item__title' }, placement.company_name, ' ',
      h('span', { class: ['badge', placement.status === 'confirmed' ? 'badge--ok' : 'badge--pending'] }, ctx.t(statusKey))),
    h('dl', { class: 'meta' },
      h('dt', {}, ctx.t('placements.kind')), h('dd', {}, ctx.t(`placements.kinds.${placement.kind}`)),
      h('dt', {}, ctx.t('placements.period')), h('dd', {}, period(ctx, placement),
        ` (${ctx.t('placements.days', { days: placement.days })})`),
      h('dt', {}, ctx.t('placements.hours')), h('dd', {}, ctx.t('placements.hours_value', {
        start: placement.daily_start.slice(0, 5), end: placement.daily_end.slice(0, 5), hours: String(placement.working_hours).replace('.', ctx.lang === 'de' ? ',' : '.'),
      })),
      h('dt', {}, ctx.t('placements.visiting_teacher')), h('dd', {}, placement.visiting_teacher_name || ctx.t('placements.none_yet')),
      placement.visit_planned_on ? [h('dt', {}, ctx.t('placements.staff.visit_planned')), h('dd', {}, formatDate(placement.visit_planned_on, ctx.lang))] : null,
      placement.certificate_received_on ? [h('dt', {}, ctx.t('placements.staff.certificate')), h('dd', {}, formatDate(placement.certificate_received_on, ctx.lang))] : null),
    h('a', {
      href: placement.agreement_url, class: 'button button--secondary placement-agreement', target: '_blank', rel: 'noopener',
      'aria-label': ctx.t('placements.agreement_for', { company: placement.company_name }),
    }, ctx.t('placements.agreement')),
    staff ? staffActions(ctx, placement, reload) : null);
}

/** Staff: the pupil's KAoA target groups (the plan follows them). */
function targetGroupsForm(ctx, pupilId, groups, reload) {
  const form = h('form', { class: 'form', id: 'target-groups-form', novalidate: true },
    h('fieldset', {},
      h('legend', {}, ctx.t('placements.groups.legend')),
      TARGET_GROUPS.map((group) => h('div', { class: 'check' },
        h('input', { type: 'checkbox', id: `tg-${group}`, name: 'target_groups', value: group, checked: groups.target_groups.includes(group) }),
        h('label', { for: `tg-${group}` }, ctx.t(`placements.groups.${group}`))))),
    selectField({
      id: 'tg-foerderschwerpunkt', name: 'foerderschwerpunkt', label: ctx.t('placements.groups.foerderschwerpunkt'),
      value: groups.foerderschwerpunkt || '',
      options: [{ value: '', label: ctx.t('placements.groups.none') },
        ...FOERDERSCHWERPUNKTE.map((key) => ({ value: key, label: ctx.t(`placements.foerderschwerpunkte.${key}`) }))],
    }),
    field({ id: 'tg-arrived', name: 'arrived_on', type: 'date', label: ctx.t('placements.groups.arrived_on'), value: groups.arrived_on || '' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--secondary' }, ctx.t('placements.groups.save'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      target_groups: data.getAll('target_groups').map(String),
      foerderschwerpunkt: text(form, 'foerderschwerpunkt') || null,
      arrived_on: text(form, 'arrived_on') || null,
    };
    busy(form.querySelector('button[type=submit]'), async () => {
      clearErrors(form);
      try {
        await ctx.api.put(`/pupils/${pupilId}/target-groups`, body);
        await reload(ctx.t('placements.groups.saved'));
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'groups-heading' },
    h('h2', { id: 'groups-heading' }, ctx.t('placements.groups.heading')),
    h('p', { class: 'subtle' }, ctx.t('placements.groups.lead')), form);
}

export async function render(root, ctx) {
  await loadNamespace('placements');
  const staff = ctx.me.role !== 'pupil';
  const pupilId = staff ? encodeURIComponent(ctx.params.id) : ctx.me.id;
  const title = ctx.t(staff ? 'placements.staff_title' : 'placements.title');
  const reload = async (message) => { await render(root, ctx); if (message) announce(message); };
  const [placements, groups] = await Promise.all([
    ctx.api.get(`/pupils/${pupilId}/placements`),
    staff ? ctx.api.get(`/pupils/${pupilId}/target-groups`) : Promise.resolve(null),
  ]);
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t(staff ? 'placements.staff_lead' : 'placements.lead')),
    staff ? targetGroupsForm(ctx, pupilId, groups, reload) : null,
    h('h2', {}, ctx.t('placements.list_heading')),
    placements.length
      ? h('ul', { class: 'list', id: 'placements' }, placements.map((placement) => placementItem(ctx, placement, staff, reload)))
      : notice('info', ctx.t('placements.none')),
    h('section', { class: 'card', 'aria-labelledby': 'placement-new-heading' },
      h('h2', { id: 'placement-new-heading' }, ctx.t('placements.new_heading')),
      h('p', { class: 'subtle' }, ctx.t(staff ? 'placements.new_lead_staff' : 'placements.new_lead')),
      placementForm(ctx, pupilId, staff, reload)));
  screenReady(root, title);
}
