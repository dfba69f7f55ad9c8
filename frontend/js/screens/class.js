// One class: its pupils with their enrolment state; links to roster import and code sheet.

import { className, enrolmentState, findClass } from '../classes-common.js';
import { formatDate, h, pupilName, replace, screenReady, table } from '../ui.js';

function pupilTable(ctx, pupils) {
  if (!pupils.length) return h('p', { class: 'notice notice--info' }, ctx.t('app.class.no_pupils'));
  return table({
    captionId: 'pupils-caption',
    caption: ctx.t('app.class.caption', { count: pupils.length }),
    columns: [ctx.t('app.class.name'), ctx.t('app.class.birth_date'), ctx.t('app.class.state')],
    rows: pupils.map((pupil) => [
      [pupilName(pupil), pupil.display_name ? h('span', { class: 'subtle' }, ` (${pupil.display_name})`) : null],
      formatDate(pupil.birth_date, ctx.lang),
      h('span', { class: pupil.enrolled ? 'badge badge--ok' : 'badge' }, enrolmentState(ctx, pupil)),
    ]),
  });
}

export async function render(root, ctx) {
  const { id } = ctx.params;
  const [schoolClass, pupils] = await Promise.all([
    findClass(ctx, id), ctx.api.get(`/classes/${encodeURIComponent(id)}/pupils`),
  ]);
  const title = className(ctx, schoolClass);
  const enrolled = pupils.filter((pupil) => pupil.enrolled).length;
  replace(root,
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/classes' }, ctx.t('app.classes.back'))),
    h('h1', {}, title),
    h('p', { class: 'lead' }, ctx.t('app.class.summary', { enrolled, total: pupils.length })),
    h('div', { class: 'actions' },
      h('a', { href: `#/classes/${id}/import`, class: 'button button--secondary', id: 'to-import' }, ctx.t('app.class.import')),
      h('a', { href: `#/classes/${id}/codes`, class: 'button button--primary', id: 'to-codes' }, ctx.t('app.class.codes'))),
    pupilTable(ctx, pupils));
  screenReady(root, title);
}
