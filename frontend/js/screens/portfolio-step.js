// One step of "Mein Weg": status, date, provider, Berufsfeld and the pupil's own reflection.
// Every keystroke is kept as a draft on the device; offline, saving goes to the outbox.

import { deleteDraft, enqueue, getDraft, newKey, saveDraft } from '../drafts.js';
import { loadNamespace } from '../i18n.js';
import {
  announce, clearErrors, ensureStylesheet, field, formErrors, formText, h, notice, replace, screenReady, selectField,
} from '../ui.js';
import { isOffline } from '../api.js';
import { BERUFSFELDER } from './internships-common.js';
import { loadPortfolio, stepDraftKey, stepPath, stepTitle, updateSnapshot } from './portfolio-common.js';
import { shareControl } from './portfolio-share.js';
import { attachmentsSection } from './portfolio-attachments.js';

const REFLECTION_MAX = 2000;
const STATUSES = ['open', 'planned', 'done'];
const WITH_BERUFSFELD = new Set(['field_day', 'internship', 'practice_course']);

function statusField(ctx, value) {
  return h('fieldset', { class: 'fieldset status-choice' },
    h('legend', {}, ctx.t('portfolio.step.status')),
    STATUSES.map((status) => h('div', { class: 'check' },
      h('input', { type: 'radio', name: 'status', id: `status-${status}`, value: status, checked: value === status }),
      h('label', { for: `status-${status}` }, ctx.t(`portfolio.status.${status}`)))));
}

function berufsfeldField(ctx, value) {
  return selectField({ id: 'step-berufsfeld', name: 'berufsfeld', label: ctx.t('portfolio.step.berufsfeld'), value,
    options: [{ value: '', label: ctx.t('portfolio.step.berufsfeld_none') },
      ...BERUFSFELDER.map((code) => ({ value: code, label: ctx.t(`portfolio.berufsfelder.${code}`) }))] });
}

function reflectionField(ctx, step, value) {
  const counter = h('p', { class: 'field-hint', id: 'reflection-count' });
  const hintIds = step.kind === 'potential_analysis' ? 'reflection-hint reflection-pa reflection-count' : 'reflection-hint reflection-count';
  const area = h('textarea', {
    id: 'step-reflection', name: 'reflection', rows: '6', maxlength: String(REFLECTION_MAX), 'aria-describedby': hintIds,
  });
  area.value = value || '';
  const update = () => { counter.textContent = ctx.t('portfolio.step.chars', { count: area.value.length, max: REFLECTION_MAX }); };
  area.addEventListener('input', update);
  update();
  return h('div', { class: 'field' },
    h('label', { for: 'step-reflection' }, ctx.t('portfolio.step.reflection')),
    h('p', { class: 'field-hint', id: 'reflection-hint' }, ctx.t('portfolio.step.reflection_hint')),
    step.kind === 'potential_analysis' ? h('p', { class: 'field-hint', id: 'reflection-pa' }, ctx.t('portfolio.step.pa_hint')) : null,
    area, counter);
}

function formValues(form, step) {
  const data = new FormData(form);
  return {
    status: data.get('status') || step.status,
    date: data.get('date') || null,
    provider: formText(data, 'provider'),
    berufsfeld: WITH_BERUFSFELD.has(step.kind) ? (data.get('berufsfeld') || null) : null,
    reflection: formText(data, 'reflection'),
  };
}

async function save(ctx, form, step, status) {
  const body = formValues(form, step);
  clearErrors(form);
  try {
    const saved = await ctx.api.put(stepPath(step.id), body);
    await deleteDraft(stepDraftKey(step.id));
    await updateSnapshot(saved);
    status.replaceChildren(ctx.t('portfolio.step.saved'));
  } catch (error) {
    if (!isOffline(error)) {
      if (error.status === 422) formErrors(form, error, ctx.t('portfolio.step.check_fields'));
      else status.replaceChildren(error.detail || error.title);
      return;
    }
    await enqueue({ method: 'PUT', path: stepPath(step.id), body, idempotencyKey: newKey() });
    await deleteDraft(stepDraftKey(step.id));
    await updateSnapshot({ id: step.id, ...body });
    status.replaceChildren(ctx.t('portfolio.step.saved_offline'));
  }
  announce(status.textContent);
}

function buildForm(ctx, step, values, status) {
  const providerLabel = step.kind === 'potential_analysis' ? 'portfolio.step.provider_pa' : 'portfolio.step.provider';
  const form = h('form', { id: 'step-form', class: 'form', novalidate: true },
    statusField(ctx, values.status),
    field({ label: ctx.t('portfolio.step.date'), name: 'date', type: 'date', id: 'step-date', value: values.date || '' }),
    field({ label: ctx.t(providerLabel), name: 'provider', id: 'step-provider', maxlength: '200', value: values.provider || '' }),
    WITH_BERUFSFELD.has(step.kind) ? berufsfeldField(ctx, values.berufsfeld) : null,
    reflectionField(ctx, step, values.reflection),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'button button--primary', id: 'step-save' },
      ctx.t('portfolio.step.save'))));
  let timer = null;
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => saveDraft(stepDraftKey(step.id), formValues(form, step)), 300);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('#step-save'));
    button.disabled = true;
    try { await save(ctx, form, step, status); } finally { button.disabled = false; }
  });
  return form;
}

export async function render(root, ctx) {
  await Promise.all([loadNamespace('portfolio'), ensureStylesheet('/css/portfolio.css')]);
  const { portfolio } = await loadPortfolio(ctx);
  const steps = portfolio ? [...portfolio.steps, ...portfolio.earlier_steps] : [];
  const step = steps.find((candidate) => String(candidate.id) === String(ctx.params.id));
  const back = h('p', { class: 'breadcrumb' }, h('a', { href: '#/portfolio' }, ctx.t('portfolio.step.back')));
  if (!step) {
    replace(root, back, h('h1', {}, ctx.t('portfolio.title')), notice('error', ctx.t('portfolio.step.not_found')));
    screenReady(root, ctx.t('portfolio.title'));
    return;
  }
  const draft = await getDraft(stepDraftKey(step.id));
  const status = h('p', { class: 'save-status', id: 'step-status', role: 'status' });
  const title = stepTitle(ctx, step);
  replace(root, back,
    h('h1', {}, title),
    h('p', { class: 'subtle' }, `${step.sbo_kuerzel} · ${step.official_text}`),
    draft ? notice('info', ctx.t('portfolio.step.draft_restored')) : null,
    buildForm(ctx, step, draft || step, status),
    status,
    attachmentsSection(ctx, step, step.attachments || []),
    shareControl(ctx, { itemType: 'step', itemId: step.id, shared: step.shared, id: 'share-step' }));
  screenReady(root, title);
}
