// Teacher / StuBO class list. Admins without a school first pick a school.

import { h, replace, screenReady, selectField, table } from '../ui.js';

function classTable(ctx, classes) {
  if (!classes.length) return h('p', { class: 'notice notice--info' }, ctx.t('app.classes.none'));
  return table({
    captionId: 'classes-caption',
    caption: ctx.t('app.classes.caption'),
    columns: [ctx.t('app.classes.name'), ctx.t('app.classes.jahrgang'), ctx.t('app.classes.year'),
      { label: ctx.t('app.classes.pupils'), num: true }],
    rows: classes.map((item) => [
      h('a', { href: `#/classes/${item.id}` }, item.name), item.jahrgang, item.school_year, String(item.pupil_count),
    ]),
  });
}

async function schoolPicker(ctx, onPick) {
  const page = await ctx.api.get('/schools?per_page=200');
  const picker = selectField({ id: 'school-select', name: 'school_id', label: ctx.t('app.classes.school'), options: [
    { value: '', label: ctx.t('app.classes.pick_school') },
    ...(page.items || []).map((school) => ({ value: String(school.id), label: `${school.name} (${school.schulnummer})` })),
  ] });
  const choice = picker.querySelector('select');
  choice.addEventListener('change', () => { if (choice.value) onPick(Number(choice.value)); });
  return picker;
}

export async function render(root, ctx) {
  const body = h('div', { id: 'classes-body' });
  const show = async (schoolId) => {
    replace(body, h('p', { class: 'loading' }, ctx.t('app.common.loading')));
    const classes = await ctx.api.get(`/schools/${schoolId}/classes`);
    replace(body, classTable(ctx, classes));
  };
  replace(root,
    h('h1', {}, ctx.t(ctx.me.role === 'teacher' ? 'app.classes.title_teacher' : 'app.classes.title')),
    h('p', { class: 'lead' }, ctx.t('app.classes.lead')));
  if (ctx.me.school_id) {
    root.append(body);
    await show(ctx.me.school_id);
  } else {
    root.append(await schoolPicker(ctx, (id) => show(id).catch(() => replace(body,
      h('p', { role: 'alert' }, ctx.t('app.errors.failed_text'))))), body);
  }
  screenReady(root, ctx.t('app.classes.title'));
}
