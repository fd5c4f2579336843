// Rendering many messages from one template: the template is cut once and formatted dates are kept per batch; what
// comes out must stay what each message's own values and language say.
import { describe, expect, it } from 'vitest';
import { formatParams } from '../../src/main/core/messaging/compose';
import { renderTemplate } from '../../src/main/core/messaging/templates';

describe('rendering templates in bulk', () => {
  it('gives each message its own values from the same template, drops lines whose placeholders are all empty, keeps unknown ones', () => {
    const template = '\n{{greeting}} {{ name }},\n{{paymentInstructions}}\n  {{note}}  \nTotal {{amount}} {{unknown}}\n\n';
    expect(renderTemplate(template, { greeting: 'Yth.', name: 'Siti', paymentInstructions: 'BCA 123', note: '', amount: 'Rp 1' })).toBe('Yth. Siti,\nBCA 123\nTotal Rp 1 {{unknown}}');
    expect(renderTemplate(template, { greeting: 'Dear', name: 'John', paymentInstructions: '', note: 'paid $& $1', amount: 'Rp 2' })).toBe('Dear John,\n  paid $& $1  \nTotal Rp 2 {{unknown}}');
    expect(renderTemplate(template, { greeting: 'Dear', name: '', paymentInstructions: '', note: ' ', amount: 'Rp 3' })).toBe('Dear ,\nTotal Rp 3 {{unknown}}');
  });

  it('keeps a formatted date per language: one batch with Indonesian and English customers formats each in its own', () => {
    const memo = new Map<string, string>();
    const params = { dueDate: { date: '2026-12-08' }, period: { period: ['2026-11-01', '2026-11-30'] as [string, string] } };
    const id = formatParams(params, 'id', 'Asia/Jakarta', memo);
    const en = formatParams(params, 'en', 'Asia/Jakarta', memo);
    expect(id).toEqual(formatParams(params, 'id', 'Asia/Jakarta'));
    expect(en).toEqual(formatParams(params, 'en', 'Asia/Jakarta'));
    expect(id['dueDate']).toBe('8 Desember 2026');
    expect(en['dueDate']).toBe('8 December 2026');
    expect(formatParams({ dueDate: { date: '2026-12-09' } }, 'id', 'Asia/Jakarta', memo)['dueDate']).toBe('9 Desember 2026');
  });
});
