// Form error state for one form: client-side checks with the contract's zod schema, server errors by field.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { fromError, fromZodError, NO_ERRORS, type FormErrors } from './errors';

export interface FormErrorsApi extends FormErrors {
  /** Parses with the schema; on failure shows the per-field errors and answers null. */
  validate<S extends z.ZodType>(schema: S, values: unknown): z.output<S> | null;
  fail(error: unknown): void;
  setField(field: string, message: string): void;
  clear(): void;
  /** Put on the `<form>`: a refused save brings its first marked field (or its alert) into view and focus. */
  formRef: RefObject<HTMLFormElement | null>;
}

/**
 * A long form is saved from its bottom, so the field that was refused may be off screen: without this the Save
 * button would seem to do nothing at all.
 */
function revealFirstError(form: HTMLFormElement | null): void {
  const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('[role="alert"]');
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  if (target.matches('input, textarea, select')) target.focus({ preventScroll: true });
}

export function useFormErrors(): FormErrorsApi {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const formRef = useRef<HTMLFormElement | null>(null);

  useEffect(() => {
    if (Object.keys(errors.fields).length > 0 || errors.general) revealFirstError(formRef.current);
  }, [errors]);

  const validate = useCallback(
    <S extends z.ZodType>(schema: S, values: unknown): z.output<S> | null => {
      const parsed = schema.safeParse(values);
      if (parsed.success) {
        setErrors(NO_ERRORS);
        return parsed.data;
      }
      setErrors(fromZodError(parsed.error, t, values));
      return null;
    },
    [t],
  );
  const fail = useCallback((error: unknown) => setErrors(fromError(error, t)), [t]);
  const setField = useCallback(
    (field: string, message: string) => setErrors((prev) => ({ ...prev, fields: { ...prev.fields, [field]: message } })),
    [],
  );
  const clear = useCallback(() => setErrors(NO_ERRORS), []);

  return useMemo(
    () => ({ ...errors, validate, fail, setField, clear, formRef }),
    [errors, validate, fail, setField, clear],
  );
}
