// The customer entity; soft-deleted rows keep their history and invoices.
import { EntitySchema } from 'typeorm';
import type { CustomerStatus, Language } from '../../../../shared/contract';

export interface CustomerRow {
  id: number;
  code: string;
  name: string;
  phone: string;
  email: string | null;
  address: string;
  latitude: number | null;
  longitude: number | null;
  notes: string;
  status: CustomerStatus;
  language: Language | null;
  messagesOptOut: boolean;
  creditBalance: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deletedBy: string | null;
}

export const CustomerEntity = new EntitySchema<CustomerRow>({
  name: 'Customer',
  tableName: 'customer',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    code: { type: 'varchar' },
    name: { type: 'varchar' },
    phone: { type: 'varchar' },
    email: { type: 'varchar', nullable: true },
    address: { type: 'text' },
    latitude: { type: 'real', nullable: true },
    longitude: { type: 'real', nullable: true },
    notes: { type: 'text' },
    status: { type: 'varchar' },
    language: { type: 'varchar', nullable: true },
    messagesOptOut: { type: 'boolean', name: 'messages_opt_out', default: false },
    creditBalance: { type: 'integer', name: 'credit_balance' },
    createdAt: { type: 'varchar', name: 'created_at' },
    updatedAt: { type: 'varchar', name: 'updated_at' },
    deletedAt: { type: 'varchar', name: 'deleted_at', nullable: true },
    deletedBy: { type: 'varchar', name: 'deleted_by', nullable: true },
  },
});
