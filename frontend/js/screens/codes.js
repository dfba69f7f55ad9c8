// Enrolment-code sheet: pick pupils, issue one-time codes, print them (name, code, QR) or
// download the same as a PDF. Codes are shown only once; issuing again ends older codes.
// Pupils who can log in already get a code only through "Gerät verloren": after a
// confirmation that names what ends (passkeys, password, every login), the server resets
// their login and tells them (issue 9, H2).

import { className, enrolmentState, findClass } from '../classes-common.js';
import { plural } from '../i18n.js';
import {
  announce, busy, confirmBox, formatDate, formErrors, h, notice, personName, pupilName, replace, saveBlob,
  screenReady,
} from '../ui.js';

function svgDataUrl(svg) {
  // The server sends a standalone SVG document (with its namespace): usable as an image as is.
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  bytes.forEach((byte) => { binary += String.fromCharCode(byte); });
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

function codeCard(ctx, entry) {
  const name = personName(entry);
  return h('li', { class: 'code-card' },
    h('h3', { class: 'code-card__name' }, name),
    h('img', { class: 'code-card__qr', src: svgDataUrl(entry.qr_svg), width: '160', height: '160',
      alt: ctx.t('app.codes.qr_alt', { name }) }),
    h('p', { class: 'code-card__label' }, ctx.t('app.codes.code_label')),
    h('p', { class: 'code-card__code', lang: 'en' }, entry.code),
    h('p', { class: 'code-card__url' }, entry.enrol_url),
    h('p', { class: 'code-card__expiry' }, ctx.t('app.codes.expires', { date: formatDate(entry.expires_at, ctx.lang) })));
}

function sheet(ctx, title, entries) {
  const print = h('button', { type: 'button', class: 'button button--primary', id: 'print-codes',
    onclick: () => window.print() }, ctx.t('app.codes.print'));
  return h('section', { class: 'code-sheet', id: 'code-sheet', 'aria-labelledby': 'code-sheet-heading' },
    h('h2', { id: 'code-sheet-heading', tabindex: '-1' }, ctx.t('app.codes.sheet_heading', { name: title })),
    notice('info', ctx.t('app.codes.once')),
    h('div', { class: 'actions no-print' }, print),
    h('p', { class: 'print-only' }, ctx.t('app.codes.instructions')),
    h('ul', { class: 'code-cards' }, entries.map((entry) => codeCard(ctx, entry))));
}

function pupilChoice(ctx, pupils) {
  const boxes = pupils.map((pupil) => {
    const id = `pupil-${pupil.id}`;
    return h('li', { class: 'check' },
      h('input', { type: 'checkbox', id, name: 'pupil_ids', value: String(pupil.id), checked: true }),
      h('label', { for: id }, pupilName(pupil), h('span', { class: 'subtle' }, ` – ${enrolmentState(ctx, pupil)}`)));
  });
  const all = h('input', { type: 'checkbox', id: 'select-all' });
  all.addEventListener('change', () => {
    boxes.forEach((li) => { li.querySelector('input').checked = all.checked; });
  });
  return h('fieldset', { class: 'fieldset' },
    h('legend', {}, ctx.t('app.codes.choose')),
    h('div', { class: 'check check--all' }, all, h('label', { for: 'select-all' }, ctx.t('app.codes.select_all'))),
    h('ul', { class: 'check-list', id: 'pupil-choice' }, boxes));
}

function lostDeviceItem(ctx, pupil, showSheet) {
  const name = pupilName(pupil);
  const item = h('li', { class: 'list-item', id: `lost-device-${pupil.id}` });
  const reset = () => replace(item,
    h('span', {}, name, h('span', { class: 'subtle' }, ` – ${enrolmentState(ctx, pupil)}`)),
    h('div', { class: 'actions' }, h('button', {
      type: 'button', class: 'button button--secondary', 'aria-label': ctx.t('app.codes.lost_device_for', { name }),
      onclick: () => replace(item, confirmBox({
        id: `lost-device-q-${pupil.id}`,
        question: ctx.t('app.codes.lost_device_question', { name }),
        confirmLabel: ctx.t('app.codes.lost_device_confirm'),
        onConfirm: async () => {
          const entries = await ctx.api.post(`/classes/${encodeURIComponent(ctx.params.id)}/enrolment-codes`,
            { pupil_ids: [pupil.id], purpose: 'lost_device' });
          replace(item, notice('success', ctx.t('app.codes.lost_device_done', { name })));
          showSheet(entries);
        },
        onCancel: reset,
      })),
    }, ctx.t('app.codes.lost_device'))));
  reset();
  return item;
}

function lostDeviceSection(ctx, enrolled, showSheet) {
  return h('section', { class: 'no-print', 'aria-labelledby': 'lost-device-heading' },
    h('h2', { id: 'lost-device-heading' }, ctx.t('app.codes.lost_device_heading')),
    h('p', {}, ctx.t('app.codes.lost_device_lead')),
    h('ul', { class: 'list', id: 'lost-device-list' }, enrolled.map((pupil) => lostDeviceItem(ctx, pupil, showSheet))));
}

export async function render(root, ctx) {
  const { id } = ctx.params;
  const [schoolClass, everyone] = await Promise.all([
    findClass(ctx, id), ctx.api.get(`/classes/${encodeURIComponent(id)}/pupils`),
  ]);
  const pupils = everyone.filter((pupil) => !pupil.enrolled);
  const enrolled = everyone.filter((pupil) => pupil.enrolled);
  const title = className(ctx, schoolClass);
  const output = h('div', { id: 'codes-output' });
  const form = h('form', { id: 'codes-form', class: 'form no-print', novalidate: true },
    pupilChoice(ctx, pupils),
    h('p', { class: 'field-hint' }, ctx.t('app.codes.warning')),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'button button--primary', id: 'issue-codes' }, ctx.t('app.codes.issue')),
      h('button', { type: 'button', class: 'button button--secondary', id: 'issue-pdf' }, ctx.t('app.codes.pdf'))));
  const selected = () => new FormData(form).getAll('pupil_ids').map(Number);
  const check = () => {
    const ids = selected();
    if (!ids.length) formErrors(form, { detail: ctx.t('app.codes.none_selected') });
    return ids;
  };
  const fail = (error) => formErrors(form, error);
  const showSheet = (entries) => {
    replace(output, sheet(ctx, title, entries));
    output.querySelector('h2').focus();
    announce(plural(entries.length, ['app.codes.issued.one', 'app.codes.issued.other']));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const ids = check();
    if (!ids.length) return;
    busy(form.querySelector('#issue-codes'), async () => {
      try {
        showSheet(await ctx.api.post(`/classes/${encodeURIComponent(id)}/enrolment-codes`, { pupil_ids: ids }));
      } catch (error) { fail(error); }
    });
  });
  const pdf = form.querySelector('#issue-pdf');
  pdf.addEventListener('click', () => {
    const ids = check();
    if (!ids.length) return;
    busy(pdf, async () => {
      try {
        const blob = await ctx.api.download(`/classes/${encodeURIComponent(id)}/enrolment-codes/sheet.pdf`, { pupil_ids: ids });
        saveBlob(blob, `anmeldecodes-${schoolClass ? schoolClass.name : id}.pdf`);
        replace(output, notice('success', plural(ids.length, ['app.codes.pdf_done.one', 'app.codes.pdf_done.other'])));
      } catch (error) { fail(error); }
    });
  });

  replace(root,
    h('p', { class: 'breadcrumb no-print' }, h('a', { href: `#/classes/${id}` }, ctx.t('app.import.back', { name: title }))),
    h('h1', { class: 'no-print' }, ctx.t('app.codes.title', { name: title })),
    h('p', { class: 'lead no-print' }, ctx.t('app.codes.lead')),
    everyone.length ? null : notice('info', ctx.t('app.class.no_pupils')),
    pupils.length ? form : null,
    everyone.length && !pupils.length ? notice('info', ctx.t('app.codes.all_enrolled')) : null,
    enrolled.length ? lostDeviceSection(ctx, enrolled, showSheet) : null,
    output);
  screenReady(root, ctx.t('app.codes.title', { name: title }));
}
