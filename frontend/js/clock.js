// The app's one clock on the client: "today" is the server's date (so a demo server started
// with ANSCHLUSS_TODAY, and the tests, agree with the screens), not the device's.

let offsetDays = 0;

function localIso(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Remember the server's date from /auth/me (YYYY-MM-DD). */
export function setServerToday(iso) {
  if (!iso) return;
  const [year, month, day] = iso.split('-').map(Number);
  const server = Date.UTC(year, month - 1, day);
  const device = new Date();
  const deviceDay = Date.UTC(device.getFullYear(), device.getMonth(), device.getDate());
  offsetDays = Math.round((server - deviceDay) / 86400000);
}

/** Now, moved to the server's date. */
export function now() {
  const moment = new Date();
  moment.setDate(moment.getDate() + offsetDays);
  return moment;
}

/** Today as YYYY-MM-DD on the server's calendar. */
export function todayIso() {
  return localIso(now());
}
