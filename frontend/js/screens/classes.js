// Teacher / StuBO class list. Admins without a school first pick a school.

import { h, replace, screenReady } from '../ui.js';

function classTable(ctx, classes) {
  if (!classes.length) return h('p', { class: 'notice notice--info' }, ctx.t('app.classes.none'));
  return h('div', { class: 'table-wrap', role: 'region', tabindex: '0', 'aria-labelledby': 'classes-caption' },
    h('table', { class: 'table' },
      h('caption', { id: 'classes-caption' }, ctx.t('app.classes.caption')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, ctx.t('app.classes.name')),
        h('th', { scope: 'col' }, ctx.t('app.classes.jahrgang')),
        h('th', { scope: 'col' }, ctx.t('app.classes.year')),
        h('th', { scope: 'col', class: 'num' }, ctx.t('app.classes.pupils')))),
      h('tbody', {}, classes.map((item) => h('tr', {},
        h('th', { scope: 'row' }, h('a', { href: `#/classes/${item.id}` }, item.name)),
        h('td', {}, item.jahrgang),
        h('td', {}, item.school_year),
        h('td', { class: 'num' }, String(item.pupil_count)))))));
}

async function schoolPicker(ctx, onPick) {
  const page = await ctx.api.get('/schools?per_page=200');
  const select = h('select', { id: 'school-select', name: 'school_id' },
    h('option', { value: '' }, ctx.t('app.classes.pick_school')),
    (page.items || []).map((school) => h('option', { value: String(school.id) }, `${school.name} (${school.schulnummer})`)));
  select.addEventListener('change', () => { if (select.value) onPick(Number(select.value)); });
  return h('div', { class: 'field' }, h('label', { for: 'school-select' }, ctx.t('app.classes.school')), select);
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
