// Message catalogs: frontend/i18n/<lang>/<namespace>.json, German first, English second.
// A key is 'namespace.path.to.key'; keys whose first segment is not a loaded namespace are
// looked up in the shell's 'app' namespace (so routes may use 'nav.interests').
// Pupils and guardians read every language below; staff screens are German and English.
// A key a catalogue lacks is shown in German (frontend/i18n/meta.json lists each catalogue's
// translator, review state and its explicit fallbacks); with localStorage 'i18n-debug' = '1'
// such a German fallback is marked visibly ("⟦de⟧ …") so translators can find it.

export const LANGUAGES = ['de', 'de-LS', 'en', 'tr', 'ar', 'uk', 'ru', 'pl'];
export const STAFF_LANGUAGES = ['de', 'en'];
// Each language named in itself (the language menu is read by people who do not read German).
export const LANGUAGE_NAMES = {
  de: 'Deutsch', 'de-LS': 'Leichte Sprache', en: 'English', tr: 'Türkçe', ar: 'العربية',
  uk: 'Українська', ru: 'Русский', pl: 'Polski',
};
export const GUARDIAN_LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl'];
const DEFAULT_LANG = 'de';
const RTL_LANGUAGES = new Set(['ar', 'fa', 'he', 'ur']);
// The locale Intl formats numbers and dates with (Leichte Sprache reads German dates).
const LOCALES = { de: 'de-DE', 'de-LS': 'de-DE', en: 'en-GB', tr: 'tr-TR', ar: 'ar', uk: 'uk-UA', ru: 'ru-RU', pl: 'pl-PL' };

const catalogs = {}; // catalogs[lang][namespace] = object
const loading = new Map();
const missing = new Set();
let lang = readStoredLanguage();

function readStoredLanguage() {
  try {
    const stored = localStorage.getItem('lang');
    return LANGUAGES.includes(stored) ? stored : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function getLanguage() {
  return lang;
}

/** The Intl locale of a language code (for dates and numbers). */
export function localeOf(language = lang) {
  return LOCALES[language] || 'de-DE';
}

/** Is the language written right to left? */
export function isRtl(language = lang) {
  return RTL_LANGUAGES.has(language);
}

function markFallbacks() {
  try { return localStorage.getItem('i18n-debug') === '1'; } catch { return false; }
}

function applyToDocument() {
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
}

async function fetchCatalog(language, namespace) {
  const key = `${language}/${namespace}`;
  if (!loading.has(key)) {
    loading.set(key, fetch(`/i18n/${language}/${namespace}.json`, { credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({}))
      .then((catalog) => {
        catalogs[language] = catalogs[language] || {};
        catalogs[language][namespace] = catalog;
        return catalog;
      }));
  }
  return loading.get(key);
}

/** Load a namespace in the current language (and German as the fallback). */
export async function loadNamespace(namespace) {
  const wanted = [fetchCatalog(lang, namespace)];
  if (lang !== DEFAULT_LANG) wanted.push(fetchCatalog(DEFAULT_LANG, namespace));
  await Promise.all(wanted);
}

function loadedNamespaces() {
  return Object.keys(catalogs[DEFAULT_LANG] || {});
}

/** Switch language; reloads the catalogs already in use. */
export async function setLanguage(next) {
  if (!LANGUAGES.includes(next)) return;
  lang = next;
  try { localStorage.setItem('lang', next); } catch { /* private mode: keep in memory */ }
  applyToDocument();
  await Promise.all(loadedNamespaces().map(loadNamespace));
}

function lookup(catalog, path) {
  if (!catalog) return undefined;
  if (Object.prototype.hasOwnProperty.call(catalog, path)) return catalog[path];
  let node = catalog;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) return undefined;
    node = node[part];
  }
  return node;
}

function resolve(language, key) {
  const languageCatalogs = catalogs[language] || {};
  const dot = key.indexOf('.');
  if (dot > 0) {
    const namespace = key.slice(0, dot);
    if (languageCatalogs[namespace]) {
      const value = lookup(languageCatalogs[namespace], key.slice(dot + 1));
      if (typeof value === 'string') return value;
    }
  }
  const value = lookup(languageCatalogs.app, key);
  return typeof value === 'string' ? value : undefined;
}

/** Is there a text for this key (in the current language or German)? */
export function hasKey(key) {
  return resolve(lang, key) !== undefined || resolve(DEFAULT_LANG, key) !== undefined;
}

/** t('app.login.title', {name: 'Mia'}) → text in the current language. */
export function t(key, params = {}) {
  let text = resolve(lang, key);
  if (text === undefined && lang !== DEFAULT_LANG) {
    text = resolve(DEFAULT_LANG, key);
    if (text !== undefined && markFallbacks()) text = `⟦de⟧ ${text}`;
  }
  if (text === undefined) {
    if (!missing.has(key)) {
      missing.add(key);
      console.warn(`i18n: missing key ${key}`);
    }
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

applyToDocument();

/** The text for `count` in the plural form of the current language (Intl.PluralRules):
 * plural(2, ['x.one', 'x.other']) → t('x.other', {count: 2}). */
export function plural(count, [one, other], params = {}) {
  const form = new Intl.PluralRules(lang).select(count);
  return t(form === 'one' ? one : other, { count, ...params });
}
