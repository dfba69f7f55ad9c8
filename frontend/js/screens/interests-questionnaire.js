// The interest questionnaire: one statement per screen, answers kept in IndexedDB as they are
// given (pause, close the app, go offline – nothing is lost), sent through the outbox with an
// idempotency key so a retry never creates a second profile.
// Tapping an answer moves on by itself (60 taps and "Fertig" instead of two taps a statement);
// keyboard users choose with the arrow keys and go on with "Weiter", so moving through the
// options never skips a statement. "Zurück" always works (on the first statement: to the overview).

import {
  deleteDraft, enqueue, flushOutbox, getDraft, newKey, onOutboxResult, outboxItems, saveDraft,
} from '../drafts.js';
import { loadNamespace, plural } from '../i18n.js';
import { announce, ensureStylesheet, h, notice, replace, screenReady } from '../ui.js';
import { isOffline } from '../api.js';
import { DRAFT_ANSWERS, DRAFT_PENDING, DRAFT_QUESTIONNAIRE, PROFILES_PATH } from './interests-common.js';

async function loadQuestionnaire(ctx) {
  try {
    const questionnaire = await ctx.api.get('/questionnaires/current');
    await saveDraft(DRAFT_QUESTIONNAIRE, questionnaire);
    return questionnaire;
  } catch (error) {
    if (!isOffline(error)) throw error;
    return (await getDraft(DRAFT_QUESTIONNAIRE)) || null;
  }
}

async function loadDraft(questionnaire) {
  const draft = await getDraft(DRAFT_ANSWERS);
  if (draft && draft.version === questionnaire.version) return draft;
  return { version: questionnaire.version, key: newKey(), answers: {}, index: 0 };
}

function scaleOptions(ctx, questionnaire, item, current) {
  const values = [];
  for (let v = questionnaire.scale.min; v <= questionnaire.scale.max; v += 1) values.push(v);
  return h('ul', { class: 'scale' }, values.map((value) => {
    const id = `answer-${item.id}-${value}`;
    return h('li', { class: 'check scale__option' },
      h('input', {
        type: 'radio', name: 'answer', id, value: String(value), checked: current === value,
      }),
      h('label', { for: id }, questionnaire.scale.labels[String(value)][ctx.lang] || questionnaire.scale.labels[String(value)].de));
  }));
}

// About five seconds a statement (a tap each); the estimate counts the statements still open.
const SECONDS_PER_STATEMENT = 5;
const ADVANCE_DELAY_MS = 250; // long enough to see the choice, short enough not to wait

function remainingText(total, answered) {
  const minutes = Math.max(1, Math.ceil(((total - answered) * SECONDS_PER_STATEMENT) / 60));
  return plural(minutes, ['interests.q.remaining.one', 'interests.q.remaining.other']);
}

function progressBlock(ctx, total, answered, index) {
  return h('div', { class: 'q-progress' },
    h('p', { id: 'q-progress-text', class: 'q-progress__text' },
      ctx.t('interests.q.progress', { n: index + 1, total }),
      h('span', { class: 'q-progress__time', id: 'q-remaining' }, ` · ${remainingText(total, answered)}`)),
    h('progress', {
      max: String(total), value: String(answered), 'aria-labelledby': 'q-progress-label q-progress-text',
    }),
    h('span', { id: 'q-progress-label', class: 'visually-hidden' }, ctx.t('interests.q.progress_label')));
}

function queuedScreen(ctx, root, key) {
  const status = notice('info', navigator.onLine ? ctx.t('interests.q.sending') : ctx.t('interests.q.queued'));
  status.id = 'q-queued';
  replace(root,
    h('h1', {}, ctx.t('interests.q.title')),
    status,
    h('p', {}, h('a', { href: '#/interests' }, ctx.t('interests.q.to_overview'))));
  screenReady(root, ctx.t('interests.q.title'));
  const stop = onOutboxResult(async ({ item, status: outcome, result, error }) => {
    if (item.idempotencyKey !== key) return;
    stop();
    await deleteDraft(DRAFT_PENDING);
    if (!root.isConnected) return;
    if (outcome === 'sent' && result) {
      ctx.navigate(`/interests/results?id=${result.id}`);
    } else {
      replace(status, ctx.t('interests.q.rejected', { detail: (error && error.detail) || '' }));
      status.className = 'notice notice--error';
    }
  });
  if (navigator.onLine) flushOutbox().catch(() => {});
}

async function finish(ctx, root, questionnaire, draft) {
  const body = { questionnaire_version: questionnaire.version, answers: draft.answers };
  await enqueue({ method: 'POST', path: PROFILES_PATH, body, idempotencyKey: draft.key });
  await saveDraft(DRAFT_PENDING, { key: draft.key, queuedAt: new Date().toISOString() });
  await deleteDraft(DRAFT_ANSWERS);
  queuedScreen(ctx, root, draft.key);
}

function renderItem(ctx, root, questionnaire, draft, { focusAnswer }) {
  const total = questionnaire.items.length;
  const item = questionnaire.items[draft.index];
  const answered = Object.keys(draft.answers).length;
  const last = draft.index === total - 1;
  const error = h('p', { class: 'field-error', id: 'q-error', role: 'alert', hidden: true });
  const form = h('form', { id: 'questionnaire-form', class: 'form', novalidate: true },
    h('fieldset', { class: 'fieldset q-item', 'aria-describedby': 'q-error' },
      h('legend', { class: 'q-item__statement', id: 'q-statement' }, item[ctx.lang] || item.de),
      h('p', { class: 'field-hint' }, ctx.t('interests.q.question')),
      scaleOptions(ctx, questionnaire, item, draft.answers[item.id]),
      error),
    h('div', { class: 'actions q-actions' },
      h('button', {
        type: 'button', class: 'button button--secondary', id: 'q-back',
        onclick: async () => {
          if (draft.index === 0) { ctx.navigate('/interests'); return; }
          draft.index -= 1;
          await saveDraft(DRAFT_ANSWERS, draft);
          renderItem(ctx, root, questionnaire, draft, { focusAnswer: true });
        },
      }, ctx.t('interests.q.back')),
      h('button', { type: 'submit', class: 'button button--primary', id: 'q-next' },
        ctx.t(last ? 'interests.q.finish' : 'interests.q.next'))));
  let moving = false; // one answer moves on once, however often it is tapped
  let pointer = false;
  form.addEventListener('pointerdown', () => { pointer = true; });
  form.addEventListener('keydown', () => { pointer = false; });
  form.addEventListener('change', async () => {
    const chosen = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="answer"]:checked'));
    if (!chosen) return;
    draft.answers[item.id] = Number(chosen.value);
    await saveDraft(DRAFT_ANSWERS, draft); // kept at once, even before moving on
    if (!pointer || last) return;
    setTimeout(() => { if (form.isConnected && !moving) form.requestSubmit(); }, ADVANCE_DELAY_MS);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (moving) return;
    const chosen = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="answer"]:checked'));
    if (!chosen) {
      error.textContent = ctx.t('interests.q.choose');
      error.hidden = false;
      /** @type {HTMLInputElement} */ (form.querySelector('input[name="answer"]')).focus();
      return;
    }
    moving = true;
    draft.answers[item.id] = Number(chosen.value);
    if (last && Object.keys(draft.answers).length === total) {
      await finish(ctx, root, questionnaire, draft);
      return;
    }
    const next = questionnaire.items.findIndex((candidate) => !(candidate.id in draft.answers));
    draft.index = last ? next : draft.index + 1;
    await saveDraft(DRAFT_ANSWERS, draft);
    renderItem(ctx, root, questionnaire, draft, { focusAnswer: true });
  });
  replace(root,
    h('h1', {}, ctx.t('interests.q.title')),
    progressBlock(ctx, total, answered, draft.index),
    navigator.onLine ? null : notice('info', ctx.t('interests.q.saved_offline')),
    form,
    h('p', {}, h('a', { href: '#/interests', id: 'q-pause' }, ctx.t('interests.q.pause'))));
  if (focusAnswer) {
    const target = /** @type {HTMLInputElement} */ (form.querySelector('input[name="answer"]:checked')
      || form.querySelector('input[name="answer"]'));
    target.focus();
    announce(ctx.t('interests.q.progress', { n: draft.index + 1, total }));
  }
}

export async function render(root, ctx) {
  await Promise.all([loadNamespace('interests'), ensureStylesheet('/css/interests.css')]);
  const questionnaire = await loadQuestionnaire(ctx);
  if (!questionnaire) {
    replace(root, h('h1', {}, ctx.t('interests.q.title')),
      notice('error', ctx.t('interests.q.unavailable')),
      h('p', {}, h('a', { href: '#/interests' }, ctx.t('interests.q.to_overview'))));
    screenReady(root, ctx.t('interests.q.title'));
    return;
  }
  const pending = await getDraft(DRAFT_PENDING);
  if (pending) {
    const queued = (await outboxItems()).some((item) => item.idempotencyKey === pending.key);
    if (!queued) {
      await deleteDraft(DRAFT_PENDING); // sent meanwhile (e.g. by the app at start)
    } else if (!(await getDraft(DRAFT_ANSWERS))) {
      queuedScreen(ctx, root, pending.key);
      return;
    }
  }
  const draft = await loadDraft(questionnaire);
  await saveDraft(DRAFT_ANSWERS, draft);
  renderItem(ctx, root, questionnaire, draft, { focusAnswer: false });
  screenReady(root, ctx.t('interests.q.title'));
}
