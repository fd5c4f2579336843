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
};

function translateIssue(issue: z.core.$ZodIssue, t: TFunction): string {
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
    case 'invalid_format':
      return issue.format === 'email' ? t('validation.email') : t('validation.invalid');
    case 'invalid_type':
      return issue.input === undefined || issue.input === '' ? t('validation.required') : t('validation.invalid');
    default:
      return t('validation.invalid');
  }
}

export function fromZodError(error: z.ZodError, t: TFunction): FormErrors {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'input';
    fields[field] ??= translateIssue(issue, t);
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
    const key = KNOWN_MESSAGES[issue.message];
    fields[issue.field] ??= key ? t(key) : t('validation.invalid');
  }
  // A validation error is fully told by its fields; anything else also gets its own line.
  const general = error.code === 'VALIDATION_FAILED' && issues.length > 0 ? null : messageOf(error, t);
  return { fields, general };
}
