// Site settings: company identity, time zone, currency, PPN rate, language.
import { z } from 'zod';
import { emptyInput, op } from './define';
import { hostSchema } from './devices';
import { CUSTOMER_EVENTS, customerEventSchema } from './messaging';
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

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'A time written HH:MM' });

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
  /** Days before a period starts that its invoice is issued. */
  invoiceLeadDays: z.number().int().min(0).max(60),
  /** Days from issue to due date. */
  paymentTermDays: z.number().int().min(0).max(90),
  /** Days before the due date that a payment_due reminder is raised. */
  reminderDays: z.number().int().min(0).max(30),
  /** Days overdue before the subscription and customer are suspended. */
  graceDays: z.number().int().min(0).max(90),
  /** Days before a non-renewing subscription ends that subscription_expiring is raised. */
  expiryWarningDays: z.number().int().min(0).max(90),
  /** Site times (`HH:MM`) of the billing jobs. */
  jobTimeRenew: hhmm,
  jobTimeExpiryWarnings: hhmm,
  jobTimeDueReminders: hhmm,
  jobTimeOverdue: hhmm,
  /** Printed on invoices: how to pay (bank account, e-wallet number). */
  paymentInstructions: z.string().trim().max(1000),
  /** Hosts the monitor pings to check its own network before declaring devices down (gateway, upstreams). Empty: off. */
  pingReferenceHosts: z.array(hostSchema).max(5),
  /** More than this many status changes of a device within `flapWindowMin` minutes is flapping. */
  flapChanges: z.number().int().min(2).max(50),
  flapWindowMin: z.number().int().min(1).max(1440),
  /** Days raw ping samples are kept; rollups are kept a year. */
  sampleRetentionDays: z.number().int().min(1).max(90),
  /** Map tiles, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png` or a local tile server; empty: no tiles are fetched. */
  mapTileUrl: z
    .string()
    .trim()
    .max(500)
    .refine((v) => v === '' || (/^https?:\/\/[^\s]+$/.test(v) && ['{z}', '{x}', '{y}'].every((p) => v.includes(p))), { message: 'An http(s) address with {z}, {x} and {y}' }),
  /** Seconds between SNMP polls of the interface counters (bandwidthInterval). */
  bandwidthIntervalSec: z.number().int().min(30).max(3600),
  /** Scheduled online backups of the database, at `backupTime` site time each day. */
  backupEnabled: z.boolean(),
  backupTime: hhmm,
  /** Absolute folder for backups (a USB disk, a network share); empty: `<data dir>/backups`. */
  backupFolder: z
    .string()
    .trim()
    .max(500)
    .refine((v) => v === '' || /^([a-zA-Z]:[\\/]|[\\/])/.test(v), { message: 'An absolute folder path' }),
  /** How many of the newest daily, weekly and monthly backups are kept. */
  backupKeepDaily: z.number().int().min(1).max(366),
  backupKeepWeekly: z.number().int().min(0).max(520),
  backupKeepMonthly: z.number().int().min(0).max(240),
  /** RADIUS: the MikroTik address list a suspended (isolir) customer is put in, and the rate it gets there. */
  radiusIsolirAddressList: z
    .string()
    .trim()
    .min(1, { message: 'Required' })
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, { message: 'Letters, digits and . _ - only' }),
  radiusIsolirRateLimit: z
    .string()
    .trim()
    .max(100)
    .regex(/^\d+[kKmMgG]?(\/\d+[kKmMgG]?)?( [0-9kKmMgG/]+){0,5}$/, { message: 'A MikroTik rate limit like 1M/1M' }),
  /** Seconds between accounting updates the NAS is asked for (Acct-Interim-Interval). */
  radiusInterimIntervalSec: z.number().int().min(60).max(3600),
  /** Messages: the events customers hear about (each on every enabled channel they have an address for). */
  customerMessageEvents: z.array(customerEventSchema).max(CUSTOMER_EVENTS.length),
  /** No billing message reaches a customer between these site times (`HH:MM`, may cross midnight); null: none. */
  customerQuietStart: hhmm.nullable(),
  customerQuietEnd: hhmm.nullable(),
  /** Minutes an outage must last before its customers are told (a blip sends nothing). */
  outageNoticeDelayMin: z.number().int().min(0).max(120),
  /** The lowest severity of network alerts sent to the Telegram group chats. */
  teamMinSeverity: z.enum(['critical', 'warning']),
  /** Minutes between repeats of an unacknowledged critical alert to the team; 0: never repeated. */
  teamRepeatMin: z.number().int().min(0).max(1440),
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
  invoiceLeadDays: 7,
  paymentTermDays: 7,
  reminderDays: 3,
  graceDays: 7,
  expiryWarningDays: 7,
  jobTimeRenew: '00:00',
  jobTimeExpiryWarnings: '07:00',
  jobTimeDueReminders: '08:00',
  jobTimeOverdue: '09:00',
  paymentInstructions: '',
  pingReferenceHosts: [],
  flapChanges: 4,
  flapWindowMin: 10,
  sampleRetentionDays: 7,
  mapTileUrl: '',
  bandwidthIntervalSec: 300,
  backupEnabled: true,
  backupTime: '02:00',
  backupFolder: '',
  backupKeepDaily: 14,
  backupKeepWeekly: 8,
  backupKeepMonthly: 12,
  radiusIsolirAddressList: 'isolir',
  radiusIsolirRateLimit: '1M/1M',
  radiusInterimIntervalSec: 300,
  customerMessageEvents: [...CUSTOMER_EVENTS],
  customerQuietStart: '21:00',
  customerQuietEnd: '07:00',
  outageNoticeDelayMin: 5,
  teamMinSeverity: 'critical',
  teamRepeatMin: 30,
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
