// Shared by the class screens: the class record (name, year) and the pupil list.

import { plural } from './i18n.js';

/** The class with id from the user's school (null when it cannot be found). */
export async function findClass(ctx, classId) {
  if (!ctx.me.school_id) return null;
  try {
    const classes = await ctx.api.get(`/schools/${ctx.me.school_id}/classes`);
    return classes.find((item) => String(item.id) === String(classId)) || null;
  } catch {
    return null;
  }
}

export function className(ctx, schoolClass) {
  return schoolClass ? ctx.t('app.class.title', { name: schoolClass.name }) : ctx.t('app.class.title_unknown');
}

export function enrolmentState(ctx, pupil) {
  if (pupil.enrolled) {
    return plural(pupil.passkey_count, ['app.class.state_enrolled.one', 'app.class.state_enrolled.other']);
  }
  if (pupil.open_enrolment_code) return ctx.t('app.class.state_code_open');
  return ctx.t('app.class.state_none');
}
