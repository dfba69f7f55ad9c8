// Berufskolleg: "Ankommende Schüler*innen" — who is coming; at term start confirm arrivals
// in bulk or report no-shows (the leaving school and, for youths still obliged to attend
// school, the Kommune hear of it).

import {
  actionButton, announce, confirmBox, errorText, formatDate, h, notice, pager, pupilName, replace, screenReady,
  table,
} from '../ui.js';
import { applicationStatus, arrivalLabel, dutyCell, optionText, prepare } from './transition-common.js';

const PER_PAGE = 50;

function rowSelect(ctx, item) {
  return h('input', {
    type: 'checkbox', class: 'transition-select', name: 'pupil', value: String(item.pupil_id),
    'aria-label': ctx.t('transition.incoming.select', { name: pupilName(item) }),
    disabled: item.arrival === 'arrived',
  });
}

function incomingTable(ctx, catalog, page) {
  return table({
    id: 'incoming-table',
    caption: ctx.t('transition.incoming.caption', { count: page.total }),
    columns: [h('span', { class: 'visually-hidden' }, ctx.t('transition.incoming.select_column')), ctx.t('transition.common.name'), ctx.t('transition.incoming.birth_date'),
      ctx.t('transition.incoming.leaving_school'), ctx.t('transition.incoming.course'),
      ctx.t('transition.applications.status'), ctx.t('transition.incoming.starts_on'),
      ctx.t('transition.incoming.arrival'), ctx.t('transition.duty.title')],
    rowHeader: 1,
    rows: page.items.map((item) => ({
      dataset: { pupil: String(item.pupil_id) },
      cells: [
        rowSelect(ctx, item), pupilName(item), formatDate(item.birth_date, ctx.lang), item.leaving_school,
        optionText(ctx, catalog, item.option_code), applicationStatus(ctx, item.application_status),
        formatDate(item.starts_on, ctx.lang), arrivalLabel(ctx, item.arrival), dutyCell(ctx, item.schulpflicht, ctx.lang),
      ],
    })),
  });
}

function chosen(root) {
  return [...root.querySelectorAll('#incoming-table input[name=pupil]:checked')]
    .map((box) => Number(/** @type {HTMLInputElement} */ (box).value));
}

export async function render(root, ctx) {
  const catalog = await prepare(ctx);
  const title = ctx.t('transition.incoming.title');
  const page = Number(ctx.query.page || 1);
  const pending = ctx.query.pending === 'true';
  const schoolId = ctx.me.school_id;
  const data = await ctx.api.get(`/schools/${schoolId}/incoming?page=${page}&per_page=${PER_PAGE}${pending ? '&pending=true' : ''}`);
  const message = h('div', { id: 'incoming-message', role: 'status' });
  const confirmArea = h('div');
  const send = async (result) => {
    const ids = chosen(root);
    if (!ids.length) {
      replace(message, notice('error', ctx.t('transition.incoming.none_selected')));
      return;
    }
    try {
      const answer = await ctx.api.post(`/schools/${schoolId}/incoming/arrivals`,
        { items: ids.map((pupilId) => ({ pupil_id: pupilId, result })) });
      await render(root, ctx);
      const text = ctx.t('transition.incoming.done', answer);
      replace(root.querySelector('#incoming-message'), notice('success', text));
      announce(text);
    } catch (error) {
      replace(message, notice('error', errorText(error)));
    }
  };
  const toggle = h('input', { type: 'checkbox', id: 'incoming-pending', checked: pending });
  toggle.addEventListener('change', () => ctx.navigate(toggle.checked ? '/incoming?pending=true' : '/incoming'));
  replace(root,
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('transition.incoming.lead'), ' ',
      h('a', { href: '#/registration-import' }, ctx.t('transition.incoming.import'))),
    h('div', { class: 'check' }, toggle, h('label', { for: 'incoming-pending' }, ctx.t('transition.incoming.pending_only'))),
    message,
    data.items.length ? incomingTable(ctx, catalog, data) : h('p', { class: 'notice notice--info' }, ctx.t('transition.incoming.none')),
    data.items.length ? h('div', { class: 'transition-actions' },
      actionButton({ label: ctx.t('transition.incoming.arrived'), kind: 'button--primary', id: 'confirm-arrivals', onClick: () => send('arrived') }),
      actionButton({
        label: ctx.t('transition.incoming.no_show'), id: 'report-no-show',
        onClick: () => replace(confirmArea, confirmBox({
          id: 'no-show-question', question: ctx.t('transition.incoming.no_show_question', { count: chosen(root).length }),
          confirmLabel: ctx.t('transition.incoming.no_show_confirm'),
          onConfirm: () => send('no_show'), onCancel: () => replace(confirmArea),
        })),
      })) : null,
    confirmArea,
    pager({ page, pages: Math.ceil(data.total / PER_PAGE), onPage: (next) => ctx.navigate(`/incoming?page=${next}${pending ? '&pending=true' : ''}`) }));
  screenReady(root, title);
}
