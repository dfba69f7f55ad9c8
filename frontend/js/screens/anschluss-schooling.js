// Teacher/StuBO on a pupil's screen: the facts that decide whether the pupil counts as a leaver
// (school year of attendance, leaving this year) and the admission to the Abitur or
// Fachhochschulreife exam (a recorded fact that takes the pupil off the identification list).

import { busy, clearErrors, field, formErrors, h, notice, selectField } from '../ui.js';

const EXAM_JAHRGAENGE = ['Q2', 'BK1', 'BK2', 'BK3'];

/** The schooling facts, or null when the pupil has no class this school year. */
export async function loadSchooling(ctx, pupilId) {
  try {
    return await ctx.api.get(`/pupils/${pupilId}/schooling`);
  } catch (error) {
    if (error.code === 'pupil-without-class') return null;
    throw error;
  }
}

function verdict(ctx, facts) {
  const lines = [facts.leaver ? ctx.t('anschluss.schooling.is_leaver') : ctx.t('anschluss.schooling.not_leaver')];
  if (facts.excluded_by_exam_admission) lines.push(ctx.t('anschluss.schooling.excluded'));
  return h('p', { id: 'schooling-verdict' }, lines.join(' '));
}

function triState(value) {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  return '';
}

export function schoolingSection(ctx, facts, onSaved) {
  if (!facts) return null;
  const canExam = EXAM_JAHRGAENGE.includes(facts.jahrgang);
  const form = h('form', { class: 'form', id: 'schooling-form', novalidate: true },
    field({ label: ctx.t('anschluss.schooling.attendance_year'), name: 'attendance_year', id: 'schooling-year',
      type: 'number', min: '1', max: '20', value: facts.attendance_year ?? '',
      hint: ctx.t('anschluss.schooling.attendance_hint', { derived: facts.attendance_year_derived ?? '–' }) }),
    selectField({ id: 'schooling-leaving', name: 'leaving', label: ctx.t('anschluss.schooling.leaving'),
      options: ['', 'yes', 'no'].map((value) => ({ value, label: ctx.t(`anschluss.schooling.leaving_${value || 'auto'}`) })),
      value: triState(facts.leaving) }),
    canExam ? selectField({ id: 'schooling-exam', name: 'exam', label: ctx.t('anschluss.schooling.exam'),
      hint: ctx.t('anschluss.schooling.exam_hint'),
      options: ['', 'abitur', 'fhr'].map((value) => ({ value, label: ctx.t(`anschluss.schooling.exam_${value || 'none'}`) })),
      value: facts.exam_admission || '' }) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button button--primary' }, ctx.t('anschluss.schooling.save'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const year = String(data.get('attendance_year') || '').trim();
    const leaving = data.get('leaving');
    busy(form.querySelector('button[type=submit]'), async () => {
      try {
        await ctx.api.patch(`/pupils/${facts.pupil_id}/schooling`, {
          attendance_year: year ? Number(year) : null,
          leaving: leaving === '' ? null : leaving === 'yes',
        });
        if (canExam && (data.get('exam') || null) !== facts.exam_admission) {
          await ctx.api.put(`/pupils/${facts.pupil_id}/exam-admission`, { exam: data.get('exam') || null });
        }
        clearErrors(form);
        await onSaved(ctx.t('anschluss.schooling.saved'));
      } catch (error) {
        formErrors(form, error);
      }
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'schooling-h' },
    h('h2', { id: 'schooling-h' }, ctx.t('anschluss.schooling.heading')),
    notice('info', ctx.t('anschluss.schooling.lead')),
    verdict(ctx, facts),
    form);
}
