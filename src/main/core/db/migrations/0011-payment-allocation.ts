// Schema 11: how a payment is spread over invoices. A payment keeps its allocation choice (this invoice only, or
// the excess to the customer's other open invoices oldest due first); each completed payment lists what it paid
// on which invoice, so money is traceable from payment to invoice whichever way it went.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentAllocation1764201600011 implements MigrationInterface {
  name = 'PaymentAllocation1764201600011';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`ALTER TABLE "payment" ADD COLUMN "allocation" TEXT NOT NULL DEFAULT 'this_invoice' CHECK ("allocation" IN ('this_invoice','oldest_first'))`);
    await run(`
      CREATE TABLE "payment_allocation" (
        "payment_id" INTEGER NOT NULL REFERENCES "payment" ("id") ON DELETE RESTRICT,
        "invoice_id" INTEGER NOT NULL REFERENCES "invoice" ("id") ON DELETE RESTRICT,
        "amount" INTEGER NOT NULL CHECK ("amount" > 0),
        PRIMARY KEY ("payment_id", "invoice_id")
      )`);
    await run(`CREATE INDEX "ix_payment_allocation_invoice" ON "payment_allocation" ("invoice_id")`);
    // Payments completed before this schema paid their own invoice with whatever was not credited.
    await run(`INSERT INTO "payment_allocation" ("payment_id", "invoice_id", "amount")
      SELECT "id", "invoice_id", "amount" - "credited_amount" FROM "payment" WHERE "status" = 'completed' AND "amount" > "credited_amount"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "payment_allocation"`);
    await queryRunner.query(`ALTER TABLE "payment" DROP COLUMN "allocation"`);
  }
}
