// CSV in and out of the browser: save a text as a download, read a picked file, translate the importer's row errors.
import type { TFunction } from 'i18next';

/** Offers `text` as a file download (a Blob behind a temporary link): works in Electron and in a browser. */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function readFileText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

/** The importer's English messages (`Not a valid phone number: 12`) in the UI language; unknown ones as sent. */
export function importMessage(message: string, t: TFunction): string {
  const after = (prefix: string) => message.slice(prefix.length).trim();
  const quoted = /"(.*)"/.exec(message)?.[1] ?? '';
  if (message === 'Required') return t('importer.msg.required');
  if (message === 'Missing column') return t('importer.msg.missingColumn');
  if (message.startsWith('Unknown column')) return t('importer.msg.unknownColumn', { value: t('importer.columnsList') });
  if (message.startsWith('Not a valid phone number:')) return t('importer.msg.phone', { value: after('Not a valid phone number:') });
  if (message.startsWith('Not a valid email address:')) return t('importer.msg.email', { value: after('Not a valid email address:') });
  if (message.startsWith('Not a date')) return t('importer.msg.date', { value: message.slice(message.indexOf(':') + 1).trim() });
  if (message.startsWith('No plan named')) return t('importer.msg.noPlan', { value: quoted });
  if (message.endsWith('is no longer offered')) return t('importer.msg.planInactive', { value: quoted });
  if (message === 'Already used by an existing customer') return t('importer.msg.taken');
  if (message.startsWith('Same phone as row')) return t('importer.msg.samePhone', { value: after('Same phone as row') });
  if (message.startsWith('Same email as row')) return t('importer.msg.sameEmail', { value: after('Same email as row') });
  if (message === 'The file has no customer rows') return t('importer.msg.noRows');
  if (message.startsWith('At most')) return t('importer.msg.tooLong');
  return message;
}
