// Downloads a backup file: in the browser a fetch with the bearer header (no token in a URL) saved as a file; in the
// desktop app the file is on this computer already, so its path is shown.
import { AppError } from '../../../shared/errors';
import { httpRequestOf, noc } from '../../api/client';
import { useSession } from '../../stores/session';

export type DownloadResult = { kind: 'saved'; fileName: string } | { kind: 'local'; path: string };

/** `attachment; filename="nocman-….sqlite"` → the file name, or null. */
function fileNameOf(disposition: string | null): string | null {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ?? null;
}

async function failureOf(response: Response): Promise<AppError> {
  const body: unknown = await response.json().catch(() => null);
  if (AppError.isErrorBody(body)) return new AppError(body.error.code, body.error.message, body.error.details);
  return new AppError('INTERNAL', `Unexpected answer (HTTP ${response.status})`);
}

function save(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export async function downloadBackup(id: string): Promise<DownloadResult> {
  if (noc.transport === 'electron') {
    const file = await noc.call('backups.download', { id });
    return { kind: 'local', path: file.path };
  }
  const { url } = httpRequestOf('backups.download', { id });
  const token = useSession.getState().token;
  let response: Response;
  try {
    response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new AppError('INTERNAL', 'Cannot reach the NOCman server');
  }
  if (!response.ok) {
    const error = await failureOf(response);
    if (error.code === 'UNAUTHENTICATED') useSession.getState().expire();
    throw error;
  }
  const fileName = fileNameOf(response.headers.get('Content-Disposition')) ?? `nocman-${id}.sqlite`;
  save(await response.blob(), fileName);
  return { kind: 'saved', fileName };
}
