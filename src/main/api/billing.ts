// Handlers of invoices, payments and billing runs. PDFs travel as base64; the HTTP transport sends bytes.
import { actorOf } from '../core/auth/service';
import { invoicePdf, invoicesPdf, receiptPdf } from '../core/billing/pdf';
import type { Customer } from '../../shared/contract';
import { readerLanguage } from './language';
import type { HandlersOf } from './types';

export const invoicesHandlers: HandlersOf<'invoices'> = {
  'invoices.list': (input, { core }) => core.invoices.list(input),
  'invoices.get': (input, { core }) => core.invoices.get(input.id),
  'invoices.export': (input, { core }) => core.invoices.exportCsv(input.from, input.to),
  'invoices.pdf': async (input, { core, user }) => {
    const invoice = await core.invoices.get(input.id);
    const customer = await core.customers.getAny(invoice.customerId);
    const settings = await core.settings.get();
    return (await invoicePdf(invoice, customer, settings, readerLanguage(input.lang, user, settings))).toString('base64');
  },
  'invoices.bulkPrint': async (input, { core, user }) => {
    const settings = await core.settings.get();
    const invoices = await core.invoices.getMany(input.ids);
    const customers = new Map<number, Customer>();
    for (const invoice of invoices) {
      if (!customers.has(invoice.customerId)) customers.set(invoice.customerId, await core.customers.getAny(invoice.customerId));
    }
    const documents = invoices.map((invoice) => ({ invoice, customer: customers.get(invoice.customerId)! }));
    return (await invoicesPdf(documents, settings, readerLanguage(input.lang, user, settings))).toString('base64');
  },
  'invoices.bulkRemind': (input, { core, user }) => core.reminders.remind(actorOf(user), input.ids),
  'invoices.void': (input, { core, user }) => core.invoices.void(actorOf(user), input.id, input.reason),
};

export const paymentsHandlers: HandlersOf<'payments'> = {
  'payments.list': (input, { core }) => core.payments.list(input),
  'payments.stats': (_input, { core }) => core.payments.stats(),
  'payments.export': (input, { core }) => core.payments.exportCsv(input.from, input.to),
  'payments.get': (input, { core }) => core.payments.get(input.id),
  'payments.receipt': async (input, { core, user }) => {
    const payment = await core.payments.get(input.id);
    const invoice = await core.invoices.get(payment.invoiceId);
    const settings = await core.settings.get();
    return (await receiptPdf(payment, invoice, settings, readerLanguage(input.lang, user, settings))).toString('base64');
  },
  'payments.preview': (input, { core }) => core.payments.preview(input.invoiceId, input.amount, input.allocation),
  'payments.create': (input, { core, user }) => core.payments.create(actorOf(user), input),
  'payments.process': (input, { core, user }) => core.payments.process(actorOf(user), input.id, input.outcome, input.note),
  'payments.cancel': (input, { core, user }) => core.payments.cancel(actorOf(user), input.id, input.reason),
};

export const billingHandlers: HandlersOf<'billing'> = {
  'billing.run': async (_input, { core }) => ({ jobs: await core.billing.runAll() }),
  'billing.jobs': (_input, { core }) => core.billing.status(),
};
