// A billing run killed halfway (SIGKILL of a real child process) and run again: exactly the right invoices,
// numbered without gaps, none twice — and exactly one "invoice issued" WhatsApp message queued for each.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/clock';
import { plan } from '../billing-fixtures';
import { databaseOf, makeCore, type TestCore } from '../helpers';

const root = path.resolve(import.meta.dirname, '../..');
const AT = '2026-11-27T10:00:00+07:00';
const SUBSCRIBERS = 3000;
let t: TestCore;
afterAll(() => t?.close());

describe('a billing run killed halfway', () => {
  it('leaves whole transactions only, and the rerun completes the work exactly', async () => {
    t = await makeCore({ clock: new FakeClock(AT) });
    await plan(t.core);
    const csv = ['name,phone,plan,startDate', ...Array.from({ length: SUBSCRIBERS }, (_, i) => `Pelanggan ${i},+62813${String(10_000_000 + i)},Home 20,2026-11-01`)].join('\n');
    expect((await t.core.customerTransfer.importCsv({ id: null, name: 'test', role: 'system' }, csv, false)).imported).toBe(SUBSCRIBERS);
    await t.core.messages.channels.update({ id: null, name: 'test', role: 'system' }, {
      channel: 'whatsapp', enabled: true, ratePerMin: 60, dailyCap: 10_000, secret: 'token-123',
      config: { preset: 'fonnte', url: 'http://127.0.0.1:9/send', session: 'default', method: 'POST', headers: {}, bodyTemplate: '', contentType: 'form' },
    });
    await t.core.close();

    // `node --import tsx`: one process (tsx's own CLI would run the script in a grandchild SIGKILL misses).
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'tests/fixtures/generate-run.ts'), t.dataDir, AT], {
      cwd: root,
      env: { ...process.env, NOCMAN_DATABASE_URL: databaseOf(t.dataDir) ?? '' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const reopened = await makeCore({ clock: new FakeClock(AT) }, t.dataDir);
    t = { ...reopened, close: reopened.close };
    // Kill it once some invoices are committed but before the run is over.
    let killedAt = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(async () => {
        const [{ n }] = (await t.core.db.dataSource.query('SELECT COUNT(*) AS n FROM invoice')) as [{ n: number }];
        if (n > 0) {
          killedAt = n;
          child.kill('SIGKILL');
          clearInterval(timer);
          resolve();
        }
      }, 5);
      child.once('exit', () => {
        clearInterval(timer);
        resolve();
      });
      setTimeout(() => reject(new Error('the child never wrote an invoice')), 60_000);
    });
    await new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)));
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(SUBSCRIBERS * 2); // it really died halfway

    await t.core.billing.runAll();
    const rows = (await t.core.db.dataSource.query('SELECT number, subscription_id AS s, period_start AS p FROM invoice ORDER BY number')) as { number: string; s: number; p: string }[];
    expect(rows).toHaveLength(SUBSCRIBERS * 2); // November and December for each
    expect(rows.map((r) => r.number)).toEqual(Array.from({ length: SUBSCRIBERS * 2 }, (_, i) => `INV/2026/11/${String(i + 1).padStart(4, '0')}`));
    expect(new Set(rows.map((r) => `${r.s}:${r.p}`)).size).toBe(SUBSCRIBERS * 2);
    // Each invoice's message was written with it: one per invoice, none for an invoice that does not exist.
    const [messages] = (await t.core.db.dataSource.query(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT invoice_id) AS invoices, SUM(CASE WHEN status = 'queued' THEN 1 ELSE 0 END) AS queued,
         (SELECT COUNT(*) FROM outbox o LEFT JOIN invoice i ON i.id = o.invoice_id WHERE i.id IS NULL) AS orphans
       FROM outbox WHERE event = 'invoiceIssued' AND channel = 'whatsapp'`,
    )) as { n: number; invoices: number; queued: number; orphans: number }[];
    expect(messages).toEqual({ n: SUBSCRIBERS * 2, invoices: SUBSCRIBERS * 2, queued: SUBSCRIBERS * 2, orphans: 0 });
  }, 120_000);
});
