// The route registry. Feature engineers add their entries here (one object each).
// roles: an array of roles that may open the screen; null = everyone logged in;
// 'anonymous' = only when logged out (login, enrolment); 'public' = everyone, logged in or not.
// nav: i18n key of the navigation label; omit it to keep the screen out of the navigation.
// Paths may have parameters: '/classes/:id' fills ctx.params.id.

export const ROLES = [
  'pupil', 'teacher', 'stubo', 'bk_coordinator', 'kommune_coordinator', 'recipient_coordinator', 'provider', 'admin',
];

export const ROUTES = [
  { path: '/login', module: './screens/login.js', roles: 'anonymous' },
  { path: '/enrol', module: './screens/enrol.js', roles: 'anonymous' },
  { path: '/activate', module: './screens/activate.js', roles: 'anonymous' },
  { path: '/home', module: './screens/home.js', roles: null, nav: 'nav.home' },
  { path: '/more', module: './screens/more.js', roles: ['pupil'] },
  { path: '/classes', module: './screens/classes.js', roles: ['teacher', 'stubo', 'admin'], nav: 'nav.classes' },
  { path: '/classes/:id', module: './screens/class.js', roles: ['teacher', 'stubo', 'admin'] },
  { path: '/classes/:id/import', module: './screens/roster-import.js', roles: ['teacher', 'stubo', 'admin'] },
  { path: '/classes/:id/codes', module: './screens/codes.js', roles: ['teacher', 'stubo', 'admin'] },
  { path: '/interests', module: './screens/interests.js', roles: ['pupil'], nav: 'nav.interests' },
  { path: '/interests/questionnaire', module: './screens/interests-questionnaire.js', roles: ['pupil'] },
  { path: '/interests/results', module: './screens/interests-results.js', roles: ['pupil'] },
  { path: '/occupations/:id', module: './screens/occupation.js', roles: ['pupil'] },
  { path: '/berufsfelder/:code', module: './screens/berufsfeld.js', roles: ['pupil'] },
  { path: '/portfolio', module: './screens/portfolio.js', roles: ['pupil'], nav: 'nav.portfolio' },
  { path: '/portfolio/steps/:id', module: './screens/portfolio-step.js', roles: ['pupil'] },
  { path: '/progress', module: './screens/portfolio-progress.js', roles: ['teacher', 'stubo'], nav: 'nav.progress' },
  { path: '/progress/:id', module: './screens/portfolio-progress.js', roles: ['teacher', 'stubo'] },
  { path: '/progress/:id/pupils/:pupil', module: './screens/portfolio-shared.js', roles: ['teacher'] },
  { path: '/allocation', module: './screens/allocation.js', roles: ['pupil', 'stubo', 'kommune_coordinator', 'admin'], nav: 'nav.allocation' },
  { path: '/allocation/:id', module: './screens/allocation-round.js', roles: ['pupil', 'stubo', 'kommune_coordinator', 'admin'] },
  { path: '/offers', module: './screens/offers.js', roles: ['pupil'], nav: 'nav.offers' },
  { path: '/offers/:id', module: './screens/offers-detail.js', roles: ['pupil', 'teacher', 'stubo'] },
  { path: '/bookings', module: './screens/internships.js', roles: ['pupil'], nav: 'nav.bookings' },
  { path: '/internships', module: './screens/internships-class.js', roles: ['teacher', 'stubo'], nav: 'nav.internships' },
  { path: '/internships/classes/:id', module: './screens/internships-class.js', roles: ['teacher', 'stubo'] },
  { path: '/internships/region', module: './screens/internships-kommune.js', roles: ['kommune_coordinator', 'stubo'], nav: 'nav.offers' },
  { path: '/provider', module: './screens/provider.js', roles: ['provider'], nav: 'nav.offers' },
  { path: '/provider/offers/:id', module: './screens/provider-offer.js', roles: ['provider'] },
  { path: '/provider/contacts', module: './screens/provider-contacts.js', roles: ['provider'], nav: 'nav.contacts' },
  { path: '/inbox', module: './screens/inbox.js', roles: null },
  { path: '/passkeys', module: './screens/passkeys.js', roles: null, nav: 'nav.passkeys' },
  { path: '/password', module: './screens/password.js', roles: null, nav: 'nav.password' },
  { path: '/sources', module: './screens/sources.js', roles: 'public' },
  { path: '/guardian/:token', module: './screens/guardian.js', roles: 'public' },
  { path: '/barrierefreiheit', module: './screens/accessibility.js', roles: 'public' },
  { path: '/my-anschluss', module: './screens/anschluss-me.js', roles: ['pupil'], nav: 'nav.anschluss' },
  { path: '/anschluss', module: './screens/anschluss.js', roles: ['teacher'], nav: 'nav.cohort' },
  { path: '/anschluss/classes/:id', module: './screens/anschluss-class.js', roles: ['teacher', 'stubo', 'admin'] },
  { path: '/anschluss/pupils/:id', module: './screens/anschluss-pupil.js', roles: ['teacher', 'stubo', 'admin'] },
  { path: '/leavers', module: './screens/leavers.js', roles: ['stubo'], nav: 'nav.cohort' },
  { path: '/kommune', module: './screens/kommune.js', roles: ['kommune_coordinator'], nav: 'nav.region' },
  { path: '/cases', module: './screens/cases.js', roles: ['bk_coordinator', 'kommune_coordinator', 'recipient_coordinator'], nav: 'nav.cases' },
  { path: '/recipients', module: './screens/recipients.js', roles: ['kommune_coordinator'], nav: 'nav.recipients' },
  { path: '/identification-rounds', module: './screens/identification-rounds.js', roles: ['kommune_coordinator'], nav: 'nav.rounds' },
  { path: '/identification-rounds/:id', module: './screens/round-snapshot.js', roles: ['kommune_coordinator', 'stubo'] },
  { path: '/cases/:id', module: './screens/cases-detail.js', roles: ['bk_coordinator', 'kommune_coordinator', 'recipient_coordinator'] },
  { path: '/handover', module: './screens/handover.js', roles: ['stubo', 'teacher'], nav: 'nav.handover' },
  { path: '/disclosures', module: './screens/disclosures.js', roles: ['pupil'], nav: 'nav.disclosures' },
  { path: '/my-placements', module: './screens/placements.js', roles: ['pupil'], nav: 'nav.placements' },
  { path: '/pupils/:id/kaoa', module: './screens/placements.js', roles: ['teacher', 'stubo', 'admin'] },
  { path: '/my-applications', module: './screens/applications-me.js', roles: ['pupil'], nav: 'nav.applications' },
  { path: '/my-vacancies', module: './screens/vacancies-me.js', roles: ['pupil'], nav: 'nav.vacancies_me' },
  { path: '/provider/vacancies', module: './screens/provider-vacancies.js', roles: ['provider'], nav: 'nav.vacancies' },
  { path: '/vacancies/region', module: './screens/vacancies-kommune.js', roles: ['kommune_coordinator'], nav: 'nav.vacancies' },
  { path: '/incoming', module: './screens/incoming.js', roles: ['bk_coordinator'], nav: 'nav.incoming' },
  { path: '/transition', module: './screens/transition.js', roles: ['stubo'], nav: 'nav.transition' },
  { path: '/transition-alerts', module: './screens/transition-kommune.js', roles: ['kommune_coordinator'], nav: 'nav.transition_alerts' },
  { path: '/registration-import', module: './screens/registration-import.js', roles: ['stubo', 'bk_coordinator'] },
  { path: '/rollover', module: './screens/rollover.js', roles: ['stubo', 'admin'], nav: 'nav.rollover' },
];

/** May a user with this role (null when logged out) open the route? */
export function allowed(route, role) {
  if (route.roles === 'public') return true;
  if (route.roles === 'anonymous') return !role;
  if (!role) return false;
  return route.roles === null || route.roles === undefined || route.roles.includes(role);
}

function compile(path) {
  const names = [];
  const pattern = path.replace(/:(\w+)/g, (match, name) => {
    names.push(name);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${pattern}/?$`), names };
}

const compiled = new Map();

/** match('/classes/7') → {route, params: {id: '7'}} or null. */
export function match(path) {
  for (const route of ROUTES) {
    if (!compiled.has(route)) compiled.set(route, compile(route.path));
    const { regex, names } = compiled.get(route);
    const found = regex.exec(path);
    if (found) {
      const params = {};
      names.forEach((name, i) => {
        try { params[name] = decodeURIComponent(found[i + 1]); } catch { params[name] = found[i + 1]; }
      });
      return { route, params };
    }
  }
  return null;
}

/** The navigation entries for a role, in registry order. */
export function navFor(role) {
  return ROUTES.filter((route) => route.nav && allowed(route, role));
}
