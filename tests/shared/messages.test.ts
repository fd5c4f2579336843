// The server's message catalog: formatters and plurals render the same way in the main process as in the UI.
import { describe, expect, it } from 'vitest';
import { formatDuration, formatLongDateTime } from '../../src/shared/i18n/format';
import { message, parseMessage, SERVER_MESSAGES, translator } from '../../src/shared/i18n/messages';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('server messages', () => {
  it('has the same keys in both languages', () => {
    expect(keysOf(SERVER_MESSAGES.en).sort()).toEqual(keysOf(SERVER_MESSAGES.id).sort());
  });

  it('renders a stored message in the reader language', () => {
    expect(translator('id', 'Asia/Jakarta').render(message('common.system'))).toBe('Sistem');
    expect(translator('en', 'Asia/Jakarta').render(message('common.system'))).toBe('System');
  });

  it('shows an unknown key rather than throwing', () => {
    expect(translator('en', 'Asia/Jakarta').render(message('no.such.key'))).toBe('msg.no.such.key');
  });

  it('parses stored JSON and refuses damaged values', () => {
    expect(parseMessage('{"key":"a.b","params":{"n":1}}')).toEqual({ key: 'a.b', params: { n: 1 } });
    expect(parseMessage('{"key":1}')).toBeNull();
    expect(parseMessage('not json')).toBeNull();
    expect(parseMessage(null)).toBeNull();
  });

  it('writes instants as Indonesians read them, in the site zone', () => {
    expect(formatLongDateTime('2026-12-04T13:55:41.026Z', 'id', 'Asia/Jakarta')).toBe('4 Desember 2026, 20.55 WIB');
    expect(formatLongDateTime('2026-12-04T13:55:41.026Z', 'en', 'Asia/Jakarta')).toBe('4 December 2026, 20:55 WIB');
    expect(formatLongDateTime('2026-12-04T13:55:41.026Z', 'id', 'Asia/Makassar')).toBe('4 Desember 2026, 21.55 WITA');
  });

  it('has one duration rule: whole units rounded down', () => {
    expect(formatDuration(119, 'en')).toBe('1 min');
    expect(formatDuration(119, 'id')).toBe('1 mnt');
    expect(formatDuration(3 * 3600 + 12 * 60 + 59, 'en')).toBe('3 hrs 12 mins');
    expect(formatDuration(45, 'en')).toBe('45 secs');
  });
});
