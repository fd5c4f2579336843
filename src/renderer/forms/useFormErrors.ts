// Form error state for one form: client-side checks with the contract's zod schema, server errors by field.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { fromError, fromZodError, NO_ERRORS, type FormErrors } from './errors';

export interface FormErrorsApi extends FormErrors {
  /** Parses with the schema; on failure shows the per-field errors and answers null. */
  validate<S extends z.ZodType>(schema: S, values: unknown): z.output<S> | null;
  fail(error: unknown): void;
  setField(field: string, message: string): void;
  clear(): void;
}

export function useFormErrors(): FormErrorsApi {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  const validate = useCallback(
    <S extends z.ZodType>(schema: S, values: unknown): z.output<S> | null => {
      const parsed = schema.safeParse(values);
      if (parsed.success) {
        setErrors(NO_ERRORS);
        return parsed.data;
      }
      setErrors(fromZodError(parsed.error, t));
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
    () => ({ ...errors, validate, fail, setField, clear }),
    [errors, validate, fail, setField, clear],
  );
}
