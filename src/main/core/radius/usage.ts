// Per-subscription usage from RADIUS accounting (bytes per site day), as the bandwidth domain reads it: a customer's
// usage summary counts these bytes when there are any.
import { dateInZone } from '../../../shared/dates';
import type { Database } from '../db/database';
import type { SettingsService } from '../settings/service';

export interface AccountingBytes {
  /** From the customer (upload, Acct-Input). */
  inputBytes: number;
  /** To the customer (download, Acct-Output). */
  outputBytes: number;
}

/** The port the bandwidth domain reads accounting through. */
export interface AccountingUsage {
  /** Bytes of the customer's subscriptions on the site days from `from` to just before `to`; null when there are none. */
  ofCustomer(customerId: number, from: Date, to: Date): Promise<AccountingBytes | null>;
  /** Customers with accounting bytes on those days. */
  customers(from: Date, to: Date): Promise<{ id: number; code: string; name: string }[]>;
}

export const NO_ACCOUNTING_USAGE: AccountingUsage = {
  ofCustomer: async () => null,
  customers: async () => [],
};

export class RadiusUsage implements AccountingUsage {
  constructor(
    private readonly db: Database,
    private readonly settings: SettingsService,
  ) {}

  private async days(from: Date, to: Date): Promise<[string, string]> {
    const { timeZone } = await this.settings.get();
    return [dateInZone(from, timeZone), dateInZone(new Date(Math.max(from.getTime(), to.getTime() - 1)), timeZone)];
  }

  async ofCustomer(customerId: number, from: Date, to: Date): Promise<AccountingBytes | null> {
    const [first, last] = await this.days(from, to);
    const [row] = (await this.db.dataSource.query(
      `SELECT COUNT(*) AS days, COALESCE(SUM(u.input_bytes), 0) AS inputBytes, COALESCE(SUM(u.output_bytes), 0) AS outputBytes
       FROM radius_usage u JOIN subscription s ON s.id = u.subscription_id WHERE s.customer_id = ? AND u.day BETWEEN ? AND ?`,
      [customerId, first, last],
    )) as { days: number; inputBytes: number; outputBytes: number }[];
    return row && row.days > 0 ? { inputBytes: row.inputBytes, outputBytes: row.outputBytes } : null;
  }

  async customers(from: Date, to: Date): Promise<{ id: number; code: string; name: string }[]> {
    const [first, last] = await this.days(from, to);
    return (await this.db.dataSource.query(
      `SELECT DISTINCT c.id, c.code, c.name FROM radius_usage u JOIN subscription s ON s.id = u.subscription_id JOIN customer c ON c.id = s.customer_id
       WHERE u.day BETWEEN ? AND ?`,
      [first, last],
    )) as { id: number; code: string; name: string }[];
  }
}
