// StuBO / admin: the school-year rollover — preview which classes move up (8a → 9a) and
// which leaving classes are archived, then commit. Running it again changes nothing.

import { actionButton, announce, confirmBox, errorText, field, h, notice, replace, screenReady, table } from '../ui.js';
import { prepare } from './transition-common.js';

function schoolPlan(ctx, plan) {
  const moves = plan.moves.length ? table({
    id: `rollover-moves-${plan.school_id}`,
    caption: ctx.t('transition.rollover.moves'),
    columns: [ctx.t('transition.rollover.from'), ctx.t('transition.rollover.to'),
      { label: ctx.t('transition.rollover.pupils'), num: true }, { label: ctx.t('transition.rollover.teachers'), num: true },
      ctx.t('transition.rollover.state')],
    rows: plan.moves.map((move) => [move.from_name, move.to_name, String(move.pupils), String(move.teachers),
      ctx.t(move.done ? 'transition.rollover.done' : 'transition.rollover.todo')]),
  }) : h('p', {}, ctx.t('transition.rollover.no_moves'));
  const archived = plan.archived.length
    ? h('ul', { class: 'list' }, plan.archived.map((item) => h('li', {},
      ctx.t('transition.rollover.archived_item', { name: item.name, pupils: item.pupils }),
      item.done ? ` (${ctx.t('transition.rollover.done')})` : '')))
    : h('p', {}, ctx.t('transition.rollover.no_archive'));
  return h('section', { class: 'card', 'aria-labelledby': `rollover-school-${plan.school_id}` },
    h('h2', { id: `rollover-school-${plan.school_id}` }, plan.school_name),
    moves, h('h3', {}, ctx.t('transition.rollover.archived')), archived);
}

export async function render(root, ctx) {
  await prepare(ctx);
  const title = ctx.t('transition.rollover.title');
  const admin = ctx.me.role === 'admin';
  const result = h('div', { id: 'rollover-result' });
  const options = h('form', { class: 'form card', id: 'rollover-form', novalidate: true },
    admin ? field({ id: 'rollover-school', name: 'school_id', type: 'number', min: 1, label: ctx.t('transition.rollover.school_id'), hint: ctx.t('transition.rollover.school_hint') }) : null,
    field({ id: 'rollover-year', name: 'school_year', label: ctx.t('transition.rollover.year'), hint: ctx.t('transition.rollover.year_hint'), placeholder: '2027/28' }));
  const body = (mode) => {
    const data = new FormData(options);
    const request = { mode };
    if (data.get('school_year')) request.school_year = String(data.get('school_year')).trim();
    if (admin && data.get('school_id')) request.school_id = Number(data.get('school_id'));
    return request;
  };
  const show = (answer) => {
    const heading = ctx.t(answer.committed ? 'transition.rollover.committed' : 'transition.rollover.previewed',
      { from: answer.from_year, to: answer.to_year });
    const confirmArea = h('div');
    replace(result,
      notice(answer.committed ? 'success' : 'info', heading),
      ...answer.schools.map((plan) => schoolPlan(ctx, plan)),
      answer.committed ? null : h('div', { class: 'transition-actions' }, actionButton({
        label: ctx.t('transition.rollover.commit'), kind: 'button--primary', id: 'rollover-commit',
        onClick: () => replace(confirmArea, confirmBox({
          id: 'rollover-question', question: ctx.t('transition.rollover.question', { to: answer.to_year }),
          confirmLabel: ctx.t('transition.rollover.commit'),
          onConfirm: async () => show(await ctx.api.post('/school-years/rollover', body('commit'))),
          onCancel: () => replace(confirmArea),
        })),
      })),
      confirmArea);
    announce(heading);
  };
  const preview = actionButton({
    label: ctx.t('transition.rollover.preview'), kind: 'button--primary', id: 'rollover-preview',
    onClick: async () => {
      try {
        show(await ctx.api.post('/school-years/rollover', body('preview')));
      } catch (error) {
        replace(result, notice('error', errorText(error)));
      }
    },
  });
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('transition.rollover.lead')),
    options, h('div', { class: 'actions' }, preview), result);
  screenReady(root, title);
}
