// Backups over HTTP: run now with progress events, list, download the file, restore with the typed confirmation
// (everyone signed out, open streams told and closed), admin only, bad ids refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeServer, staff, TEST_PG, type Staffed, type TestServer } from '../helpers';

let t: TestServer;
let team: Staffed;
let admin: string;

beforeAll(async () => {
  t = await makeServer();
  team = await staff(t.core);
  admin = await team.token('admin');
});
afterAll(async () => t.close());

interface Frame {
  name: string;
  data: { payload: Record<string, unknown> };
}

/** Runs `start` while reading SSE frames, until `until` says enough or the server ends the stream. */
async function readEvents(token: string, start: () => Promise<unknown>, until: (frames: Frame[]) => boolean): Promise<{ frames: Frame[]; ended: boolean }> {
  const controller = new AbortController();
  const res = await fetch(`${t.url}/api/events`, { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
  const reader = res.body!.getReader();
  const frames: Frame[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const started = start();
  const timeout = setTimeout(() => controller.abort(), 15_000);
  let ended = false;
  try {
    while (!until(frames)) {
      const { value, done } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      buffer += decoder.decode(value);
      let cut = buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const name = /^event: (\S+)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (name && data) frames.push({ name, data: JSON.parse(data) as Frame['data'] });
        cut = buffer.indexOf('\n\n');
      }
    }
    if (!ended) {
      const next = await Promise.race([reader.read(), new Promise<{ done: boolean }>((resolve) => setTimeout(() => resolve({ done: false }), 2_000))]);
      ended = next.done;
    }
  } finally {
    clearTimeout(timeout);
    controller.abort();
  }
  await started;
  return { frames, ended };
}

describe('backups over HTTP', () => {
  let backupId = '';

  it('backs up now, announcing copying, verifying and verified to admins', async () => {
    let created: { status: number; body: { id: string; status: string } } | null = null;
    const { frames } = await readEvents(
      admin,
      async () => {
        created = await t.request('POST', '/api/backups', { token: admin, body: {} });
      },
      (seen) => seen.some((f) => f.name === 'backup.progress' && f.data.payload['phase'] === 'verified'),
    );
    expect(frames.filter((f) => f.name === 'backup.progress').map((f) => f.data.payload['phase'])).toEqual(['copying', 'verifying', 'verified']);
    expect(created!.status).toBe(201);
    expect(created!.body.status).toBe('verified');
    backupId = created!.body.id;
    const list = await t.request('GET', '/api/backups', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({ id: backupId, status: 'verified', keptFor: expect.arrayContaining(['daily']) });
    expect(list.body.lastVerified.id).toBe(backupId);
    expect(list.body.nextRunAt).toEqual(expect.any(String));
  });

  it('serves the backup file as a download, and records who took it', async () => {
    const res = await fetch(`${t.url}/api/backups/${backupId}/download`, { headers: { Authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (TEST_PG) {
      // pg_dump's custom-format archive, for pg_restore.
      expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="?nocman-${backupId}\\.dump"?$`));
      expect(res.headers.get('content-type')).toBe('application/octet-stream');
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('PGDMP');
    } else {
      expect(res.headers.get('content-disposition')).toContain(`nocman-${backupId}.sqlite`);
      expect(bytes.subarray(0, 15).toString('latin1')).toBe('SQLite format 3');
    }
    const audit = (await t.core.db.dataSource.query(`SELECT operation FROM audit_log WHERE operation LIKE 'backups.%'`)) as { operation: string }[];
    expect(audit.map((a) => a.operation)).toEqual(expect.arrayContaining(['backups.create', 'backups.download']));
  });

  it('refuses ids that are not backup ids, and unknown ones', async () => {
    for (const bad of ['..%2F..%2Fetc%2Fpasswd', '20261204-020000-scheduled.json', 'x']) {
      const res = await t.request('GET', `/api/backups/${bad}/download`, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    const missing = await t.request('POST', '/api/backups/20200101-000000-manual/restore', { token: admin, body: { confirm: '20200101-000000-manual' } });
    expect(missing.status).toBe(404);
  });

  it('is for admins only', async () => {
    for (const role of ['staff', 'technician'] as const) {
      const token = await team.token(role);
      expect((await t.request('GET', '/api/backups', { token })).status).toBe(403);
      expect((await t.request('POST', '/api/backups', { token, body: {} })).status).toBe(403);
      expect((await t.request('GET', `/api/backups/${backupId}/download`, { token })).status).toBe(403);
    }
  });

  it('restores only with the id typed again, then signs everyone out and ends their event streams', async () => {
    const wrong = await t.request('POST', `/api/backups/${backupId}/restore`, { token: admin, body: { confirm: 'RESTORE' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0].field).toBe('confirm');

    const staffToken = await team.token('staff');
    const reads: Promise<number>[] = [];
    const { frames, ended } = await readEvents(
      staffToken,
      async () => {
        // Screens keep reading while the file is swapped: never an internal error, at worst "try again".
        const restoring = t.request('POST', `/api/backups/${backupId}/restore`, { token: admin, body: { confirm: backupId } });
        for (let i = 0; i < 20; i += 1) {
          reads.push(
            t.request('GET', '/api/devices', { token: staffToken }).then((r) => {
              if (r.status === 503) expect(r.body.error.code).toBe('STORAGE_UNAVAILABLE');
              return r.status;
            }),
          );
        }
        const res = await restoring;
        expect(res.status).toBe(200);
        expect(res.body.restored.id).toBe(backupId);
        expect(res.body.safetyBackup.kind).toBe('safety');
      },
      (seen) => seen.some((f) => f.name === 'system.restored'),
    );
    expect(frames.map((f) => f.name)).toContain('system.restored');
    for (const status of await Promise.all(reads)) expect([200, 401, 503]).toContain(status);
    expect(ended).toBe(true);
    expect((await t.request('GET', '/api/auth/me', { token: admin })).status).toBe(401);
    expect((await t.request('GET', '/api/auth/me', { token: staffToken })).status).toBe(401);
    const fresh = await team.token('admin');
    const list = await t.request('GET', '/api/backups', { token: fresh });
    expect(list.body.items.map((b: { kind: string }) => b.kind)).toEqual(expect.arrayContaining(['safety', 'manual']));
    const audit = (await t.core.db.dataSource.query(`SELECT operation FROM audit_log WHERE operation = 'backups.restore'`)) as unknown[];
    expect(audit).toHaveLength(1);
  });
});
