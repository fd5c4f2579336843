// Accounting records → sessions and daily usage, idempotent: a repeated Start never duplicates (unique NAS + session
// id), an Interim after Stop never reopens, counters only move forward and usage grows by the delta alone.
import type { EntityManager } from 'typeorm';
import { dateInZone } from '../../../shared/dates';
import type { AcctStatus } from './attributes';

export interface AccountingRecord {
  status: AcctStatus;
  nasAddress: string;
  acctSessionId: string | null;
  username: string | null;
  framedIp: string | null;
  mac: string | null;
  /** 64-bit totals of the session so far (gigawords included). */
  inputBytes: number;
  outputBytes: number;
  sessionTimeSec: number | null;
  terminateCause: string | null;
  /** When the NAS saw it: now minus Acct-Delay-Time. */
  at: Date;
}

interface SessionState {
  id: number;
  subscriptionId: number | null;
  inputBytes: number;
  outputBytes: number;
  stoppedAt: string | null;
}

/** Closes every open session of a NAS that says it (re)started or stops accounting. */
async function closeNas(em: EntityManager, record: AccountingRecord): Promise<void> {
  const at = record.at.toISOString();
  const cause = record.status === 'on' ? 'NAS-Reboot' : 'NAS-Request';
  await em.query(`UPDATE radius_session SET stopped_at = ?, updated_at = ?, terminate_cause = ? WHERE nas_address = ? AND stopped_at IS NULL`, [at, at, cause, record.nasAddress]);
}

async function addUsage(em: EntityManager, subscriptionId: number, day: string, input: number, output: number): Promise<void> {
  if (input <= 0 && output <= 0) return;
  await em.query(
    `INSERT INTO radius_usage (subscription_id, day, input_bytes, output_bytes) VALUES (?, ?, ?, ?)
     ON CONFLICT (subscription_id, day) DO UPDATE SET input_bytes = input_bytes + excluded.input_bytes, output_bytes = output_bytes + excluded.output_bytes`,
    [subscriptionId, day, input, output],
  );
}

/** Applies one record inside the caller's transaction. */
export async function applyAccounting(em: EntityManager, record: AccountingRecord, timeZone: string): Promise<void> {
  if (record.status === 'on' || record.status === 'off') return closeNas(em, record);
  if (!record.acctSessionId || !record.username) return;
  const at = record.at.toISOString();
  const day = dateInZone(record.at, timeZone);
  const stop = record.status === 'stop';
  const [existing] = (await em.query(
    `SELECT id, subscription_id AS subscriptionId, input_bytes AS inputBytes, output_bytes AS outputBytes, stopped_at AS stoppedAt
     FROM radius_session WHERE nas_address = ? AND acct_session_id = ?`,
    [record.nasAddress, record.acctSessionId],
  )) as SessionState[];
  if (!existing) {
    // A session first seen by its Interim or Stop (NOCman was down at its Start) starts Acct-Session-Time ago.
    const [credential] = (await em.query('SELECT subscription_id AS id FROM radius_credential WHERE username = ?', [record.username])) as { id: number }[];
    const subscriptionId = credential?.id ?? null;
    const startedAt = new Date(record.at.getTime() - (record.status === 'start' ? 0 : (record.sessionTimeSec ?? 0) * 1000)).toISOString();
    await em.query(
      `INSERT INTO radius_session (subscription_id, username, nas_address, acct_session_id, framed_ip, mac, started_at, updated_at, stopped_at,
         input_bytes, output_bytes, terminate_cause) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [subscriptionId, record.username, record.nasAddress, record.acctSessionId, record.framedIp, record.mac, startedAt, at, stop ? at : null,
        record.inputBytes, record.outputBytes, stop ? record.terminateCause : null],
    );
    if (subscriptionId !== null) await addUsage(em, subscriptionId, day, record.inputBytes, record.outputBytes);
    return;
  }
  // Counters only go forward: a repeated or late record adds nothing and never lowers what was counted.
  const input = Math.max(existing.inputBytes, record.inputBytes);
  const output = Math.max(existing.outputBytes, record.outputBytes);
  const closing = stop && existing.stoppedAt === null;
  await em.query(
    `UPDATE radius_session SET input_bytes = ?, output_bytes = ?, framed_ip = COALESCE(?, framed_ip), mac = COALESCE(mac, ?),
       updated_at = CASE WHEN stopped_at IS NULL THEN ? ELSE updated_at END,
       stopped_at = CASE WHEN ? THEN ? ELSE stopped_at END,
       terminate_cause = CASE WHEN ? THEN ? ELSE terminate_cause END
     WHERE id = ?`,
    [input, output, record.framedIp, record.mac, at, closing ? 1 : 0, at, closing ? 1 : 0, record.terminateCause, existing.id],
  );
  if (existing.subscriptionId !== null) await addUsage(em, existing.subscriptionId, day, input - existing.inputBytes, output - existing.outputBytes);
}
