// One class: its pupils with their enrolment state; links to roster import and code sheet.

import { className, enrolmentState, findClass } from '../classes-common.js';
import { GUARDIAN_LANGUAGES, LANGUAGE_NAMES } from '../i18n.js';
import {
  announce, busy, byName, errorText, formatDate, h, notice, pupilName, replace, saveBlob, screenReady, select, table,
} from '../ui.js';

function pupilTable(ctx, pupils) {
  if (!pupils.length) return h('p', { class: 'notice notice--info' }, ctx.t('app.class.no_pupils'));
  return table({
    captionId: 'pupils-caption',
    caption: ctx.t('app.class.caption', { count: pupils.length }),
    columns: [ctx.t('app.class.name'), ctx.t('app.class.birth_date'), ctx.t('app.class.state')],
    rows: byName(pupils).map((pupil) => [
      [pupilName(pupil), pupil.display_name ? h('span', { class: 'subtle' }, ` (${pupil.display_name})`) : null],
      formatDate(pupil.birth_date, ctx.lang),
      h('span', { class: pupil.enrolled ? 'badge badge--ok' : 'badge' }, enrolmentState(ctx, pupil)),
    ]),
  });
}

/** Guardian letters: one page per pupil with a fresh link (earlier links of the class end). */
function guardianLetters(ctx, id) {
  const status = h('div', { id: 'letters-status' });
  const language = select({
    id: 'letters-language', name: 'language', value: '',
    options: [{ value: '', label: ctx.t('app.class.letters_each') },
      ...GUARDIAN_LANGUAGES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))],
  });
  const button = h('button', { type: 'button', class: 'button button--secondary', id: 'print-letters' },
    ctx.t('app.class.letters'));
  button.addEventListener('click', () => busy(button, async () => {
    const chosen = language.value ? `?language=${encodeURIComponent(language.value)}` : '';
    try {
      const blob = await ctx.api.download(`/classes/${encodeURIComponent(id)}/guardian-letters.pdf${chosen}`);
      saveBlob(blob, `elternbriefe-${id}.pdf`);
      replace(status, notice('success', ctx.t('app.class.letters_done')));
      announce(ctx.t('app.class.letters_done'));
    } catch (error) {
      replace(status, notice('error', errorText(error)));
    }
  }));
  return h('section', { class: 'card', 'aria-labelledby': 'letters-h' },
    h('h2', { id: 'letters-h' }, ctx.t('app.class.letters_heading')),
    h('p', {}, ctx.t('app.class.letters_text')),
    h('div', { class: 'field' }, h('label', { for: 'letters-language' }, ctx.t('app.class.letters_language')), language),
    h('div', { class: 'actions' }, button), status);
}

const COURSE_TYPES = ['full_time_general', 'full_time_vocational', 'dual'];

/** Berufskolleg classes: the StuBO sets the kind of course (who counts as a leaver). */
function courseType(ctx, schoolClass) {
  if (!schoolClass.jahrgang.startsWith('BK') || !['stubo', 'admin'].includes(ctx.me.role)) return null;
  const status = h('div', { id: 'course-status', role: 'status' });
  const choice = select({
    id: 'course-type', name: 'course_type', value: schoolClass.course_type || '',
    options: [{ value: '', label: ctx.t('app.class.course_unset') },
      ...COURSE_TYPES.map((type) => ({ value: type, label: ctx.t(`app.class.course_${type}`) }))],
  });
  const button = h('button', { type: 'button', class: 'button button--primary', id: 'save-course-type' },
    ctx.t('app.class.course_save'));
  button.addEventListener('click', () => busy(button, async () => {
    try {
      await ctx.api.put(`/classes/${schoolClass.id}/course-type`, { course_type: choice.value || null });
      replace(status, notice('success', ctx.t('app.class.course_saved')));
    } catch (error) {
      replace(status, notice('error', errorText(error)));
    }
  }));
  return h('section', { class: 'card', 'aria-labelledby': 'course-h' },
    h('h2', { id: 'course-h' }, ctx.t('app.class.course_heading')),
    h('p', {}, ctx.t('app.class.course_text')),
    h('div', { class: 'field' }, h('label', { for: 'course-type' }, ctx.t('app.class.course_label')), choice),
    h('div', { class: 'actions' }, button), status);
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
    courseType(ctx, schoolClass),
    pupilTable(ctx, pupils),
    guardianLetters(ctx, id));
  screenReady(root, title);
}
