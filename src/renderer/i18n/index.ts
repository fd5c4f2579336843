// i18next set-up: Bahasa Indonesia by default, English; the language is chosen by the session (user, then site).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/contract';
import { en } from './en';
import { id, type Messages } from './id';

export const LANGUAGES: readonly Language[] = ['id', 'en'];
const LAST_LANGUAGE_KEY = 'nocman.language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

function lastLanguage(): Language {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LAST_LANGUAGE_KEY) : null;
  return saved === 'en' ? 'en' : 'id';
}

void i18next.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: lastLanguage(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
  returnNull: false,
});

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
