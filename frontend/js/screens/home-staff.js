// The class teacher's and StuBO's home leads with what waits for them (GET /me/todo, one call):
// counts that link to the screen where each thing is done, then the same per class.

import { plural } from '../i18n.js';
import { h, table } from '../ui.js';

// What waits, in the order it is most urgent, with the screen that handles it for one class.
export const TODO_KINDS = [
  { key: 'booking_requests', path: (id) => `/internships/classes/${id}?show=requested` },
  { key: 'pending_reports', path: (id) => `/anschluss/classes/${id}` },
  { key: 'overdue_agreements', path: (id) => `/anschluss/classes/${id}` },
];

function todoText(kind, count) {
  return plural(count, [`app.home.todo.${kind}.one`, `app.home.todo.${kind}.other`]);
}

/** Where a kind leads: the class's screen when only one class has some, else the overview. */
function targetOf(ctx, kind, classes) {
  const waiting = classes.filter((item) => item[kind.key] > 0);
  if (waiting.length === 1) return kind.path(waiting[0].class_id);
  if (kind.key === 'booking_requests') return '/internships';
  return ctx.me.role === 'stubo' ? '/leavers' : '/anschluss';
}

function summary(ctx, todo) {
  const items = TODO_KINDS.filter((kind) => todo.totals[kind.key] > 0).map((kind) => h('li', {},
    h('a', { href: `#${targetOf(ctx, kind, todo.classes)}`, class: 'todo__link' }, todoText(kind.key, todo.totals[kind.key]))));
  if (todo.unread_notifications > 0) {
    items.push(h('li', {}, h('a', { href: '#/inbox', class: 'todo__link' },
      plural(todo.unread_notifications, ['app.home.todo.unread.one', 'app.home.todo.unread.other']))));
  }
  return items.length
    ? h('ul', { class: 'todo', id: 'todo-list' }, items)
    : h('p', { class: 'notice notice--success', id: 'todo-done' }, ctx.t('app.home.todo.nothing'));
}

function perClass(ctx, todo) {
  const busy = todo.classes.filter((item) => TODO_KINDS.some((kind) => item[kind.key] > 0));
  if (busy.length < 2) return null; // one class: the links above lead straight to it
  const cell = (item, kind) => (item[kind.key] > 0
    ? h('a', { href: `#${kind.path(item.class_id)}`, 'aria-label': `${item.class_name}: ${todoText(kind.key, item[kind.key])}` },
      String(item[kind.key]))
    : '0');
  return table({
    id: 'todo-classes', caption: ctx.t('app.home.todo.by_class'),
    columns: [ctx.t('app.home.todo.class'), ...TODO_KINDS.map((kind) => ({ label: ctx.t(`app.home.todo.${kind.key}.column`), num: true }))],
    rows: busy.map((item) => [item.class_name, ...TODO_KINDS.map((kind) => ({ content: cell(item, kind), class: 'num' }))]),
  });
}

/** The "Was wartet" section of the staff home (teacher, StuBO). */
export async function staffTodo(ctx) {
  const todo = await ctx.api.get('/me/todo');
  return h('section', { class: 'card todo-card', 'aria-labelledby': 'todo-h' },
    h('h2', { id: 'todo-h' }, ctx.t('app.home.todo.title')),
    summary(ctx, todo),
    perClass(ctx, todo));
}
