// The green line that confirms what just happened (created, saved, imported), closable.
import { Alert } from '@mantine/core';

export function Notice({ message, onClose, testId }: { message: string | null; onClose(): void; testId: string }) {
  if (!message) return null;
  return (
    <Alert color="green" variant="light" py="xs" withCloseButton onClose={onClose} data-testid={testId}>
      {message}
    </Alert>
  );
}
