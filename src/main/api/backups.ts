// Handlers of the backups domain.
import { actorOf } from '../core/auth/service';
import type { HandlersOf } from './types';

export const backupsHandlers: HandlersOf<'backups'> = {
  'backups.list': (_input, { core }) => core.backups.list(),
  'backups.create': (_input, { core, user }) => core.backups.run('manual', actorOf(user)),
  'backups.restore': (input, { core, user }) => core.backups.restore(input.id, input.confirm, actorOf(user)),
  'backups.download': async (input, { core, user }) => {
    const { backup, file } = await core.backups.get(input.id);
    await core.backups.recordDownload(actorOf(user), backup.id);
    // A PostgreSQL site's backup is pg_dump's custom-format archive (read by pg_restore).
    if (file.endsWith('.dump')) return { path: file, fileName: `nocman-${backup.id}.dump`, contentType: 'application/octet-stream' };
    return { path: file, fileName: `nocman-${backup.id}.sqlite`, contentType: 'application/vnd.sqlite3' };
  },
};
