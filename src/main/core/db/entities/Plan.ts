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
  burstUpMbps: number | null;
  burstDownMbps: number | null;
  burstThresholdMbps: number | null;
  burstTimeSec: number | null;
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
    burstUpMbps: { type: 'integer', name: 'burst_up_mbps', nullable: true },
    burstDownMbps: { type: 'integer', name: 'burst_down_mbps', nullable: true },
    burstThresholdMbps: { type: 'integer', name: 'burst_threshold_mbps', nullable: true },
    burstTimeSec: { type: 'integer', name: 'burst_time_sec', nullable: true },
    createdAt: { type: 'varchar', name: 'created_at' },
    updatedAt: { type: 'varchar', name: 'updated_at' },
  },
});
