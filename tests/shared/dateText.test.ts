// Reading dates and times typed in our own fields: day first, the 24-hour clock in either separator, nothing fixed.
import { describe, expect, it } from 'vitest';
import { dateText, parseDateText, parseTimeText, timeText } from '../../src/renderer/forms/dateText';

describe('date fields', () => {
  it.each([
    ['04/12/2026', '2026-12-04'],
    ['4/12/2026', '2026-12-04'],
    ['4.12.2026', '2026-12-04'],
    ['04-12-2026', '2026-12-04'],
    [' 2026-12-04 ', '2026-12-04'],
    ['29/02/2028', '2028-02-29'],
  ])('reads %s day first as %s', (typed, iso) => {
    expect(parseDateText(typed)).toBe(iso);
  });

  it.each(['31/02/2026', '29/02/2027', '12/13/2026', '00/12/2026', '4/12/26', '2026-02-30', '4 Des 2026', ''])('refuses %j instead of moving it to another date', (typed) => {
    expect(parseDateText(typed)).toBeNull();
  });

  it('shows a stored date day first and leaves half-typed text alone', () => {
    expect(dateText('2026-12-04')).toBe('04/12/2026');
    expect(dateText('04/12/20')).toBe('04/12/20');
  });
});

describe('time fields', () => {
  it.each([
    ['20.55', '20:55'],
    ['20:55', '20:55'],
    ['9.05', '09:05'],
    ['00:00', '00:00'],
  ])('reads %s as %s', (typed, stored) => {
    expect(parseTimeText(typed)).toBe(stored);
  });

  it.each(['24.00', '23.60', '7.5', '2055', '8 PM', ''])('refuses %j instead of clamping it', (typed) => {
    expect(parseTimeText(typed)).toBeNull();
  });

  it('writes the clock as the language does', () => {
    expect(timeText('20:55', 'id')).toBe('20.55');
    expect(timeText('20:55', 'en')).toBe('20:55');
    expect(timeText('02:00:00', 'en')).toBe('02:00');
  });
});
