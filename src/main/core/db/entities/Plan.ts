// The plan entity: an internet package the ISP sells.
import { EntitySchema } from 'typeorm';

export interface PlanRow {
  id: number;
  name: string;
  downloadMbps: number;
  uploadMbps: number;
  price: number;
  cycleMonths: number;
  description: string;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const PlanEntity = new EntitySchema<PlanRow>({
  name: 'Plan',
  tableName: 'plan',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'varchar' },
    downloadMbps: { type: 'integer', name: 'download_mbps' },
    uploadMbps: { type: 'integer', name: 'upload_mbps' },
    price: { type: 'integer' },
    cycleMonths: { type: 'integer', name: 'cycle_months' },
    description: { type: 'text' },
    active: { type: 'boolean' },
    createdAt: { type: 'varchar', name: 'created_at' },
    updatedAt: { type: 'varchar', name: 'updated_at' },
  },
});
