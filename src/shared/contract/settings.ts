// Site settings: company identity, time zone, currency, PPN rate, language.
import { z } from 'zod';
import { emptyInput, op } from './define';
import { languageSchema } from './users';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().min(1).max(64).refine(isTimeZone, { message: 'Unknown time zone' });

export const settingsSchema = z.object({
  companyName: z.string().trim().max(200),
  companyAddress: z.string().trim().max(500),
  companyTaxId: z.string().trim().max(40),
  timeZone: timeZoneSchema,
  currency: z.literal('IDR'),
  /** PPN in percent, e.g. 11 or 12; two decimals at most. */
  taxRate: z.number().min(0).max(100).multipleOf(0.01),
  language: languageSchema,
  /** Desktop notifications of warnings are held back between these local times (`HH:MM`); critical ones never. */
  quietHoursStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'A time written HH:MM' }).nullable(),
  quietHoursEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'A time written HH:MM' }).nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  companyName: '',
  companyAddress: '',
  companyTaxId: '',
  timeZone: 'Asia/Jakarta',
  currency: 'IDR',
  taxRate: 11,
  language: 'id',
  quietHoursStart: null,
  quietHoursEnd: null,
};

export const settingsOperations = {
  'settings.get': op({
    method: 'GET',
    path: '/api/settings',
    access: 'user',
    summary: 'Site settings',
    input: emptyInput,
    output: settingsSchema,
  }),
  'settings.update': op({
    method: 'PUT',
    path: '/api/settings',
    access: ['admin'],
    summary: 'Change site settings (admin); only the fields given change',
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
  }),
} as const;
