// What the server writes for people (alert messages, device log lines, timeline entries, invoice lines, import
// errors, tray and notifications) is stored as a message key and its parameters, never as a sentence, and
// rendered in the reader's language: by the renderer (its i18next has these catalogs under `msg`), and in the
// main process (PDFs, tray, notifications) by `translator(language, timeZone)` below.
//
// Parameters are plain values; a parameter that is money, an instant, a business date or a duration is formatted
// by the catalog through i18next's formatters: `{{amount, rupiah}}`, `{{at, datetime}}`, `{{at, longdatetime}}`,
// `{{at, clock}}`, `{{date, date}}`, `{{sec, duration}}`, `{{value, number}}`. Plurals use i18next's `count`
// (`key_one` / `key_other`; Indonesian has only `_other`).
import { createInstance, type i18n as I18n } from 'i18next';
import { z } from 'zod';
import type { Language } from '../contract';
import { formatBusinessDate, formatClock, formatDateTime, formatDuration, formatLongDateTime, formatNumber, formatRupiah } from './format';
import { serverEn } from './server.en';
import { serverId } from './server.id';

export type MessageParam = string | number | boolean | null;
export type MessageParams = Record<string, MessageParam>;

/** A sentence for people, stored as a key of the `msg` catalog and its parameters. */
export const messageRefSchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type MessageRef = z.infer<typeof messageRefSchema>;

export function message(key: string, params: MessageParams = {}): MessageRef {
  return { key, params };
}

/** The catalogs, for the renderer to load under `msg` next to its own translations. */
export const SERVER_MESSAGES = { id: serverId, en: serverEn } as const;

/** Parses a stored `{key, params}` JSON column; null for a missing or damaged one. */
export function parseMessage(json: string | null | undefined): MessageRef | null {
  if (!json) return null;
  try {
    const parsed = messageRefSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Registers NOCman's formatters on an i18next instance; the time zone comes with each call (`timeZone` option). */
export function addMessageFormatters(instance: I18n, defaultTimeZone: () => string): void {
  const formatter = instance.services.formatter;
  if (!formatter) return;
  const lang = (lng: string | undefined): Language => (lng === 'en' ? 'en' : 'id');
  const zone = (options: Record<string, unknown> | undefined): string =>
    typeof options?.timeZone === 'string' ? options.timeZone : defaultTimeZone();
  formatter.add('rupiah', (value) => (typeof value === 'number' ? formatRupiah(value) : String(value ?? '')));
  formatter.add('number', (value, lng) => (typeof value === 'number' ? formatNumber(value, lang(lng)) : String(value ?? '')));
  formatter.add('duration', (value, lng) => (typeof value === 'number' ? formatDuration(value, lang(lng)) : String(value ?? '')));
  formatter.add('date', (value, lng) => formatBusinessDate(String(value ?? ''), lang(lng), 'long') ?? String(value ?? ''));
  formatter.add('datetime', (value, lng, options) => formatDateTime(String(value ?? ''), lang(lng), zone(options)) ?? String(value ?? ''));
  formatter.add('longdatetime', (value, lng, options) => formatLongDateTime(String(value ?? ''), lang(lng), zone(options)) ?? String(value ?? ''));
  formatter.add('clock', (value, lng, options) => formatClock(String(value ?? ''), lang(lng), zone(options)) ?? String(value ?? ''));
}

export interface Translator {
  readonly language: Language;
  /** A stored message in this language; an unknown key shows the key itself (never throws). */
  render(ref: MessageRef | null | undefined): string;
  /** A catalog key with parameters, e.g. `t('pdf.receipt.title')`. */
  t(key: string, params?: MessageParams): string;
}

const translators = new Map<string, Translator>();

/** A translator for the main process (PDFs, tray, notifications, CSV), cached per language and zone. */
export function translator(language: Language, timeZone: string): Translator {
  const cacheKey = `${language}|${timeZone}`;
  const cached = translators.get(cacheKey);
  if (cached) return cached;
  const instance = createInstance();
  void instance.init({
    resources: { id: { translation: { msg: serverId } }, en: { translation: { msg: serverEn } } },
    lng: language,
    fallbackLng: 'id',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  addMessageFormatters(instance, () => timeZone);
  const t = (key: string, params: MessageParams = {}) => String(instance.t(`msg.${key}`, { ...params, timeZone } as never));
  const made: Translator = { language, render: (ref) => (ref ? t(ref.key, ref.params) : ''), t };
  translators.set(cacheKey, made);
  return made;
}
