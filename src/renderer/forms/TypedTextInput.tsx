// A text field for a value written one way and stored another (a date, a time of day): it keeps exactly what was
// typed, hands the form the stored form when the text reads as one (else the text itself, which the contract then
// refuses), and says next to the field what is wrong once the person leaves it.
import { TextInput, type TextInputProps } from '@mantine/core';
import { useState } from 'react';

export interface TypedTextProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  onChange(value: string): void;
}

interface Reading {
  /** The stored form as the field shows it. */
  show(value: string): string;
  /** The stored form of the text, or null when the text is none. */
  read(text: string): string | null;
  invalidMessage: string;
}

export function TypedTextInput({ value, onChange, error, onBlur, reading, ...rest }: TypedTextProps & { reading: Reading }) {
  const [text, setText] = useState(() => reading.show(value));
  const [handed, setHanded] = useState(value);
  const [left, setLeft] = useState(false);
  // A value set from outside (a reset, a cleared filter) replaces the text; the value this field handed on does not,
  // nor does a filter that holds only whole dates and so answers '' while a date is half typed.
  if (value !== handed && value !== (reading.read(text) ?? '')) {
    setHanded(value);
    setText(reading.show(value));
  }
  const invalid = text.trim() !== '' && reading.read(text) === null;
  return (
    <TextInput
      {...rest}
      value={text}
      onChange={(event) => {
        const typed = event.currentTarget.value;
        const next = typed.trim() === '' ? '' : (reading.read(typed) ?? typed);
        setText(typed);
        setHanded(next);
        onChange(next);
      }}
      onBlur={(event) => {
        setLeft(true);
        onBlur?.(event);
      }}
      error={invalid && (left || error) ? reading.invalidMessage : error}
      inputMode="numeric"
      autoComplete="off"
    />
  );
}
