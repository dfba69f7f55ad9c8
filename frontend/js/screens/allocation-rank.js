// Pupil: rank up to six slots of a round. Reordering uses buttons (no drag and drop), so it
// works with keyboard, switch access and screen readers; every change is announced.

import { announce, busy, formatDate, h, notice, replace, screenReady } from '../ui.js';
import { backLink, roundFacts, slotLine, statusBadge } from './allocation-common.js';

function resultSection(ctx, result) {
  if (!result) return null;
  const text = result.placed
    ? ctx.t('allocation.rank.result_placed', {
      rank: result.rank, title: result.slot.offer_title, date: formatDate(result.slot.starts_on, ctx.lang),
    })
    : ctx.t('allocation.rank.result_unplaced');
  return h('section', { class: 'card', 'aria-labelledby': 'result-heading' },
    h('h2', { id: 'result-heading' }, ctx.t('allocation.rank.result_heading')),
    notice(result.placed ? 'success' : 'info', text));
}

export async function render(root, ctx) {
  const id = Number(ctx.params.id);
  const [detail, slots] = await Promise.all([
    ctx.api.get(`/allocation-rounds/${id}`), ctx.api.get(`/allocation-rounds/${id}/slots`)]);
  const { round } = detail;
  const editable = detail.eligible && round.status === 'open' && !round.deadline_passed;
  const state = { choices: detail.my_choices.map((choice) => ({ ...choice })) };
  const choiceList = h('ol', { class: 'list choice-list', id: 'my-choices' });
  const slotList = h('ul', { class: 'list slot-list', id: 'round-slots' });
  const status = h('div', { id: 'rank-status' });

  function focusLater(selector) {
    const target = root.querySelector(selector);
    if (target && !target.disabled) target.focus();
    else root.querySelector('#choices-heading')?.focus();
  }

  function move(index, delta, which) {
    const [item] = state.choices.splice(index, 1);
    state.choices.splice(index + delta, 0, item);
    draw();
    announce(ctx.t('allocation.rank.moved', { title: item.offer_title, rank: index + delta + 1 }));
    focusLater(`[data-slot="${item.slot_id}"] .${which}`);
  }

  function remove(index) {
    const [item] = state.choices.splice(index, 1);
    draw();
    announce(ctx.t('allocation.rank.removed', { title: item.offer_title }));
    focusLater(`#my-choices li:nth-child(${Math.min(index + 1, state.choices.length)}) .choice-up`);
  }

  function add(slot) {
    if (state.choices.length >= round.max_choices) {
      announce(ctx.t('allocation.rank.full', { max: round.max_choices }));
      return;
    }
    state.choices.push({ ...slot });
    draw();
    announce(ctx.t('allocation.rank.added', { title: slot.offer_title, rank: state.choices.length }));
    focusLater(`[data-slot="${slot.slot_id}"] .choice-remove`);
  }

  function choiceItem(choice, index) {
    const title = choice.offer_title;
    const last = index === state.choices.length - 1;
    return h('li', { class: 'list-item choice', dataset: { slot: String(choice.slot_id) } },
      h('p', { class: 'choice__rank' }, ctx.t('allocation.rank.position', { rank: index + 1 })),
      h('h3', { class: 'list-item__title' }, title),
      h('p', { class: 'subtle' }, slotLine(ctx, choice)),
      editable ? h('div', { class: 'actions choice__actions' },
        h('button', { type: 'button', class: 'button button--secondary choice-up', disabled: index === 0,
          'aria-label': ctx.t('allocation.rank.up_label', { title }), onclick: () => move(index, -1, 'choice-up') },
        ctx.t('allocation.rank.up')),
        h('button', { type: 'button', class: 'button button--secondary choice-down', disabled: last,
          'aria-label': ctx.t('allocation.rank.down_label', { title }), onclick: () => move(index, 1, 'choice-down') },
        ctx.t('allocation.rank.down')),
        h('button', { type: 'button', class: 'button button--danger-quiet choice-remove',
          'aria-label': ctx.t('allocation.rank.remove_label', { title }), onclick: () => remove(index) },
        ctx.t('allocation.rank.remove'))) : null);
  }

  function slotItem(slot) {
    const full = state.choices.length >= round.max_choices;
    const date = formatDate(slot.starts_on, ctx.lang);
    return h('li', { class: 'list-item', dataset: { slot: String(slot.slot_id) } },
      h('h3', { class: 'list-item__title' }, slot.offer_title),
      h('p', { class: 'subtle' }, slotLine(ctx, slot)),
      h('p', {}, slot.berufsfelder.map((code) => h('span', { class: 'badge field-badge' }, code)), ' ',
        ctx.t('allocation.rank.free', { free: slot.free, capacity: slot.capacity })),
      editable ? h('button', { type: 'button', class: 'button button--secondary slot-add', disabled: full,
        'aria-label': ctx.t('allocation.rank.add_label', { title: slot.offer_title, date }),
        onclick: () => add(slot) }, ctx.t('allocation.rank.add')) : null);
  }

  function draw() {
    replace(choiceList, state.choices.length
      ? state.choices.map(choiceItem) : h('li', {}, notice('info', ctx.t('allocation.rank.empty'))));
    const chosen = new Set(state.choices.map((choice) => choice.slot_id));
    const open = slots.filter((slot) => !chosen.has(slot.slot_id));
    replace(slotList, slots.length ? open.map(slotItem) : h('li', {}, notice('info', ctx.t('allocation.rank.no_slots'))));
  }

  const save = h('button', { type: 'button', class: 'button button--primary', id: 'save-choices' },
    ctx.t('allocation.rank.save'));
  save.addEventListener('click', () => busy(save, async () => {
    replace(status);
    try {
      const saved = await ctx.api.put(`/allocation-rounds/${id}/preferences`,
        { choices: state.choices.map((choice) => choice.slot_id) });
      state.choices = saved.my_choices.map((choice) => ({ ...choice }));
      draw();
      replace(status, notice('success', ctx.t('allocation.rank.saved')));
    } catch (error) {
      const messages = Object.values(error.errors || {}).flat().join(' ');
      replace(status, notice('error', [error.detail || ctx.t('allocation.failed'), messages].filter(Boolean).join(' ')));
    }
  }));

  draw();
  replace(root,
    backLink(ctx),
    h('h1', {}, round.name, ' ', statusBadge(ctx, round.status)),
    roundFacts(ctx, round),
    resultSection(ctx, detail.my_result),
    detail.eligible ? null : notice('info', ctx.t('allocation.rank.not_eligible')),
    detail.eligible && !editable ? notice('info', ctx.t('allocation.rank.closed')) : null,
    h('section', { 'aria-labelledby': 'choices-heading' },
      h('h2', { id: 'choices-heading', tabindex: '-1' }, ctx.t('allocation.rank.heading')),
      editable ? h('p', { class: 'field-hint' }, ctx.t('allocation.rank.hint')) : null,
      choiceList,
      status,
      editable ? h('div', { class: 'actions' }, save) : null),
    editable ? h('section', { 'aria-labelledby': 'slots-heading' },
      h('h2', { id: 'slots-heading' }, ctx.t('allocation.rank.available')), slotList) : null);
  screenReady(root, round.name);
}
