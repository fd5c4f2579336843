// i18next set-up: Bahasa Indonesia by default, English; the language is chosen by the session (user, then site).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/contract';
import { addMessageFormatters, SERVER_MESSAGES } from '../../shared/i18n/messages';
import type { ServerMessages } from '../../shared/i18n/server.id';
import { en } from './en';
import { id, type Messages } from './id';

export const LANGUAGES: readonly Language[] = ['id', 'en'];
const LAST_LANGUAGE_KEY = 'nocman.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages & { msg: ServerMessages } };
  }
}

function lastLanguage(): Language {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LAST_LANGUAGE_KEY) : null;
  return saved === 'en' ? 'en' : 'id';
}

/** The site time zone for the message formatters; site.ts sets it once settings are loaded. */
let siteTimeZone = 'Asia/Jakarta';
export function setMessageTimeZone(timeZone: string): void {
  siteTimeZone = timeZone;
}

void i18next.use(initReactI18next).init({
  // `msg`: what the server writes (alerts, logs, timeline, invoice lines), from src/shared/i18n.
  resources: { id: { translation: { ...id, msg: SERVER_MESSAGES.id } }, en: { translation: { ...en, msg: SERVER_MESSAGES.en } } },
  lng: lastLanguage(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
  initAsync: false,
});
addMessageFormatters(i18next, () => siteTimeZone);

/** Switches the UI language and remembers it for the next sign-in screen. */
export function applyLanguage(language: Language): void {
  localStorage.setItem(LAST_LANGUAGE_KEY, language);
  document.documentElement.lang = language;
  if (i18next.language !== language) void i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'id';
}

export { i18next };
