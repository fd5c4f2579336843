// Turns contract errors (AppError from the server, ZodError from client-side checks) into translated form errors.
import type { ParseKeys, TFunction } from 'i18next';
import type { z } from 'zod';
import { AppError } from '../../shared/errors';

export type TranslationKey = ParseKeys<'translation'>;

export interface FormErrors {
  /** field name (as the contract names it) -> message */
  fields: Record<string, string>;
  /** an error that names no field, shown in an Alert above the form */
  general: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, general: null };

/** The contract's and the services' English messages, by the key that translates them. */
const KNOWN_MESSAGES: Record<string, TranslationKey> = {
  Required: 'validation.required',
  'Enter a valid email address': 'validation.email',
  'At least 8 characters': 'validation.min8',
  'At most 128 characters': 'validation.max128',
  'Already in use': 'validation.emailTaken',
  'Unknown time zone': 'validation.timeZone',
  'The current password is not correct': 'validation.currentPasswordWrong',
  'Invalid email or password': 'errors.badCredentials',
  'This account is deactivated': 'errors.deactivated',
  'Too many failed sign-in attempts; try again later': 'errors.tooManyAttempts',
  'A user with this email already exists': 'errors.emailTaken',
  'You cannot delete your own account': 'errors.deleteSelf',
  'The last active administrator cannot be deleted, deactivated or demoted': 'errors.lastAdmin',
  'Setup is already complete; sign in instead': 'errors.setupDone',
  'Session expired or invalid; please sign in again': 'errors.sessionExpired',
  'Cannot reach the NOCman server': 'errors.offline',
  'Not saved: cannot reach the NOCman server': 'errors.notSaved',
  'Not a valid phone number (e.g. 0812 3456 7890)': 'validation.phone',
  'Give a reason (at least 3 characters)': 'validation.reason',
  'Already used by another customer': 'validation.usedByCustomer',
  'Whole Mbps': 'validation.wholeMbps',
  'Whole Rupiah, no decimals': 'validation.wholeRupiah',
  'One of 1, 3, 6 or 12 months': 'validation.cycle',
  'Day 1 to 28, so every month has it': 'validation.anchorDay',
  'Say why the price differs from the plan': 'validation.overrideReason',
  'A date written YYYY-MM-DD': 'validation.isoDate',
  'Already recorded': 'payments.referenceTaken',
  'More than Rp 0': 'payments.moreThanZero',
  'A time written HH:MM': 'settingsBilling.hhmm',
  'A device cannot be its own parent': 'deviceErrors.ownParent',
  'That parent is below this device: it would make a loop': 'deviceErrors.parentLoop',
  'Some of these subscriptions do not exist': 'deviceErrors.subscriptionsMissing',
  'An IP address or a host name': 'deviceErrors.host',
  'Must be after the start': 'deviceErrors.afterStart',
  'An ISO-8601 date-time': 'deviceErrors.dateTime',
  'Give a reason': 'validation.reason',
  'Between -90 and 90': 'coordinates.latRange',
  'Between -180 and 180': 'coordinates.lonRange',
  'Give the longitude too, or clear the latitude': 'coordinates.both',
  'Give the latitude too, or clear the longitude': 'coordinates.both',
  'An http(s) address': 'messages.errors.url',
  'A header name': 'messages.errors.headerName',
  'A Telegram chat id': 'messages.errors.chatId',
  'Not a mobile number WhatsApp can reach (e.g. 0812 3456 7890)': 'messages.errors.mobile',
  'Give both times, or neither': 'quietHours.bothOrNone',
  'A poller with this name exists': 'pollers.nameTaken',
  "That poller's key is revoked": 'pollers.pollerRevoked',
};

/** Decimals allowed by a `multipleOf` divisor such as 0.01 (2), or null when it is no power of ten. */
function decimalsOf(divisor: number): number | null {
  for (let places = 1; places <= 6; places++) {
    if (Math.abs(divisor * 10 ** places - 1) < 1e-9) return places;
  }
  return null;
}

/** What the form gave the schema at an issue's path (zod leaves the input out of its issues). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A number field the schema refused by type: left empty, not a number at all, or a fraction where a whole one goes. */
function translateNumberType(given: unknown, expected: string, t: TFunction): string {
  if (given === undefined || given === null || given === '') return t('validation.required');
  if (typeof given === 'number' && Number.isFinite(given) && expected === 'int') return t('validation.wholeNumber');
  if (typeof given === 'number' || typeof given === 'string') return t('validation.number');
  return t('validation.invalid');
}

function translateIssue(issue: z.core.$ZodIssue, given: unknown, t: TFunction): string {
  const known = KNOWN_MESSAGES[issue.message];
  if (known) return t(known);
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? t('validation.required') : t('validation.tooShort', { min });
      return t('validation.tooSmall', { min });
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      return issue.origin === 'string' ? t('validation.tooLong', { max }) : t('validation.tooBig', { max });
    }
    case 'not_multiple_of': {
      const places = decimalsOf(Number(issue.divisor));
      return places === null ? t('validation.invalid') : t('validation.decimals', { places });
    }
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'invalid_type':
      if (issue.expected === 'number' || issue.expected === 'int') return translateNumberType(given, issue.expected, t);
      return given === undefined || given === '' ? t('validation.required') : t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

/**
 * zod's default English messages as the server sends them (it has no input to show), read back into the same keys
 * as a client-side check would give, so no English sentence reaches the Indonesian screen.
 */
const ZOD_MESSAGES: readonly { pattern: RegExp; translate(match: RegExpExecArray, t: TFunction): string }[] = [
  { pattern: /^Too small: expected (?:number|int) to be >=?(-?[\d.e+]+)$/, translate: (m, t) => t('validation.tooSmall', { min: Number(m[1]) }) },
  { pattern: /^Too big: expected (?:number|int) to be <=?(-?[\d.e+]+)$/, translate: (m, t) => t('validation.tooBig', { max: Number(m[1]) }) },
  { pattern: /^Too small: expected string to have >=?(\d+) characters?$/, translate: (m, t) => (Number(m[1]) <= 1 ? t('validation.required') : t('validation.tooShort', { min: Number(m[1]) })) },
  { pattern: /^Too big: expected string to have <=?(\d+) characters?$/, translate: (m, t) => t('validation.tooLong', { max: Number(m[1]) }) },
  { pattern: /^Invalid input: expected int, received number$/, translate: (_m, t) => t('validation.wholeNumber') },
  { pattern: /^Invalid input: expected (?:number|int), received (?:undefined|null)$/, translate: (_m, t) => t('validation.required') },
  { pattern: /^Invalid input: expected (?:number|int), received (?:string|NaN)$/, translate: (_m, t) => t('validation.number') },
  { pattern: /^Unknown placeholder: (.+)$/, translate: (m, t) => t('messages.errors.unknownPlaceholder', { names: m[1] }) },
  {
    pattern: /^Invalid number: must be a multiple of ([\d.e-]+)$/,
    translate: (m, t) => {
      const places = decimalsOf(Number(m[1]));
      return places === null ? t('validation.invalid') : t('validation.decimals', { places });
    },
  },
];

/** A field message from the server: ours by key, zod's defaults by pattern, anything else "invalid value". */
function translateFieldMessage(message: string, t: TFunction): string {
  const known = KNOWN_MESSAGES[message];
  if (known) return t(known);
  for (const { pattern, translate } of ZOD_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return translate(match, t);
  }
  return t('validation.invalid');
}

/** `input` is what was parsed: it tells an empty field from one holding something that is not a number. */
export function fromZodError(error: z.ZodError, t: TFunction, input?: unknown): FormErrors {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'input';
    fields[field] ??= translateIssue(issue, valueAt(input, issue.path), t);
  }
  return { fields, general: null };
}

/** The message of an error that is shown on its own (an Alert, a failed delete). */
export function messageOf(error: unknown, t: TFunction): string {
  if (!(error instanceof AppError)) return t('errors.code.INTERNAL');
  const known = KNOWN_MESSAGES[error.message];
  return known ? t(known) : t(`errors.code.${error.code}`);
}

export function fromError(error: unknown, t: TFunction): FormErrors {
  if (!(error instanceof AppError)) return { fields: {}, general: t('errors.code.INTERNAL') };
  const issues = error.details?.fields ?? [];
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    fields[issue.field] ??= translateFieldMessage(issue.message, t);
  }
  // A validation error is fully told by its fields; anything else also gets its own line.
  const general = error.code === 'VALIDATION_FAILED' && issues.length > 0 ? null : messageOf(error, t);
  return { fields, general };
}
