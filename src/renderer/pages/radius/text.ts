// RADIUS values as people read them: session length from its start to now (or its end), and the contract's English
// field messages of the RADIUS schemas as translation keys.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Language, RadiusSession } from '../../../shared/contract';
import type { TranslationKey } from '../../forms/errors';
import { formatDuration } from '../../format';

/** "2 jam 5 mnt" / "2 hr 5 min" from the start to the end, or to now while online. */
export function sessionDuration(session: RadiusSession, language: Language, now: number = Date.now()): string {
  const end = session.stoppedAt ? Date.parse(session.stoppedAt) : now;
  return formatDuration(Math.max(0, Math.round((end - Date.parse(session.startedAt)) / 1000)), language);
}

/** The RADIUS schemas' own messages (contract and services), which the shared form errors only know as "invalid". */
const MESSAGES: readonly [RegExp, TranslationKey][] = [
  [/^An IPv4 address like /, 'radius.validation.ipv4'],
  [/^A MAC address like /, 'radius.validation.mac'],
  [/^Letters, digits and \. _ @ - only$/, 'radius.validation.username'],
  [/^Letters, digits and \. _ - only$/, 'radius.validation.addressList'],
  [/^Printable ASCII without spaces$/, 'radius.validation.secret'],
  [/^A MikroTik rate limit like /, 'radius.validation.rateLimit'],
  [/^The username .* is already used$/, 'radius.access.usernameTaken'],
  [/is already the static IP of another subscription$/, 'radius.access.staticIpTaken'],
];

function keyOf(message: string): TranslationKey | null {
  return MESSAGES.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}

interface FieldSetter {
  setField(field: string, message: string): void;
}

/** After `errors.validate` refused: the RADIUS messages of the schema's issues replace the generic "invalid value". */
export function explainIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], errors: FieldSetter, t: TFunction): void {
  const seen = new Set<string>();
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    const key = keyOf(issue.message);
    if (seen.has(field) || !key) continue;
    seen.add(field);
    errors.setField(field, t(key));
  }
}

/** After `errors.fail`: the server's RADIUS field messages (a taken username or address) in the reader's language. */
export function explainFailure(error: unknown, errors: FieldSetter, t: TFunction, overrides: Record<string, TranslationKey> = {}): void {
  if (!(error instanceof AppError)) return;
  for (const issue of error.details?.fields ?? []) {
    const key = keyOf(issue.message) ?? (error.code === 'CONFLICT' ? overrides[issue.field] : undefined);
    if (key) errors.setField(issue.field, t(key));
  }
}

interface Validator extends FieldSetter {
  validate<S extends z.ZodType>(schema: S, values: unknown): z.output<S> | null;
}

/** `errors.validate` with the RADIUS messages next to the fields instead of "invalid value". */
export function validateRadius<S extends z.ZodType>(errors: Validator, schema: S, values: unknown, t: TFunction): z.output<S> | null {
  const parsed = errors.validate(schema, values);
  if (parsed === null) {
    const result = schema.safeParse(values);
    if (!result.success) explainIssues(result.error.issues, errors, t);
  }
  return parsed;
}
