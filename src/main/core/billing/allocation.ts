// How one payment is spread over invoices: first the invoice it was entered on, then (oldest_first) the customer's
// other open invoices by due date; what is left is customer credit. Pure, so the preview and the processing agree.
import type { PaymentAllocation } from '../../../shared/contract';

export interface OpenBalance {
  id: number;
  number: string;
  dueDate: string;
  balance: number;
}

export interface PlannedAllocation {
  invoiceId: number;
  invoiceNumber: string;
  dueDate: string;
  balanceBefore: number;
  amount: number;
}

/** `others` are the customer's other open invoices; they are taken oldest due first (then by id). */
export function planAllocation(amount: number, invoice: OpenBalance, others: readonly OpenBalance[], mode: PaymentAllocation) {
  const allocations: PlannedAllocation[] = [];
  let left = amount;
  const queue = mode === 'oldest_first' ? [invoice, ...[...others].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id)] : [invoice];
  for (const target of queue) {
    if (left === 0) break;
    const paid = Math.min(left, Math.max(target.balance, 0));
    if (paid === 0) continue;
    allocations.push({ invoiceId: target.id, invoiceNumber: target.number, dueDate: target.dueDate, balanceBefore: target.balance, amount: paid });
    left -= paid;
  }
  return { allocations, credit: left };
}
