// The Alert above a form for an error that names no field.
import { Alert } from '@mantine/core';

export function FormAlert({ message, testId = 'form-error' }: { message: string | null; testId?: string }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" py="xs" data-testid={testId} role="alert">
      {message}
    </Alert>
  );
}
