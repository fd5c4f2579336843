// The state of one modal form: its values, field bindings, the pending flag and a submit that validates, saves once
// and reports the saved record. FormModal renders it; a form only declares its fields and how it saves.
import { useCallback, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { operations, type OperationName, type OpInput, type OpOutput } from '../../shared/contract';
import { noc } from '../api/client';
import { useFormErrors, type FormErrorsApi } from './useFormErrors';

type Keys<V> = Extract<keyof V, string>;

export interface ModalForm<V> {
  values: V;
  set<K extends Keys<V>>(key: K, value: V[K]): void;
  errors: FormErrorsApi;
  busy: boolean;
  submit(event?: FormEvent): Promise<void>;
  /** TextInput / Textarea bound to a text field, with its error. */
  text<K extends Keys<V>>(key: K): { value: V[K]; onChange(event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>): void; error: string | undefined };
  /** An input that reports its value (Select, number, date, time), with its error. */
  field<K extends Keys<V>>(key: K): { value: V[K]; onChange(value: V[K]): void; error: string | undefined };
  /** Switch / Checkbox bound to a boolean field. */
  check<K extends Keys<V>>(key: K): { checked: boolean; onChange(event: ChangeEvent<HTMLInputElement>): void };
}

/**
 * `save` answers the saved record, or null when the values were refused before sending (the errors are already
 * shown). A second Enter while the first save is under way is ignored, so a slow server never gets two creates.
 */
export function useModalForm<V extends object, R>(initial: () => V, save: (values: V, errors: FormErrorsApi) => Promise<R | null>, onSaved: (saved: R) => void): ModalForm<V> {
  const errors = useFormErrors();
  const [values, setValues] = useState<V>(initial);
  const [busy, setBusy] = useState(false);
  const pending = useRef(false);
  const set = useCallback(<K extends Keys<V>>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value })), []);

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (pending.current) return;
    pending.current = true;
    setBusy(true);
    try {
      const saved = await save(values, errors);
      if (saved !== null) onSaved(saved);
    } catch (error) {
      errors.fail(error);
    } finally {
      pending.current = false;
      setBusy(false);
    }
  };

  return {
    values,
    set,
    errors,
    busy,
    submit,
    text: (key) => ({ value: values[key], onChange: (e) => set(key, e.currentTarget.value as V[typeof key]), error: errors.fields[key] }),
    field: (key) => ({ value: values[key], onChange: (value) => set(key, value), error: errors.fields[key] }),
    check: (key) => ({ checked: Boolean(values[key]), onChange: (e) => set(key, e.currentTarget.checked as V[typeof key]) }),
  };
}

/** Checks the raw values with the operation's own schema, then calls it; null (errors shown) when refused. */
export async function callChecked<N extends OperationName>(errors: FormErrorsApi, name: N, raw: unknown): Promise<OpOutput<N> | null> {
  const input = errors.validate(operations[name].input, raw);
  if (input === null) return null;
  return noc.call(name, input as OpInput<N>);
}

/**
 * An edit sends only what changed; with nothing changed (the changes hold only the id) the record is answered as
 * it is, without a call.
 */
export async function updateChecked<N extends OperationName>(errors: FormErrorsApi, name: N, changes: { id: unknown }, current: OpOutput<N>): Promise<OpOutput<N> | null> {
  const input = errors.validate(operations[name].input, changes);
  if (input === null) return null;
  if (Object.keys(input as object).length === 1) return current;
  return noc.call(name, input as OpInput<N>);
}
