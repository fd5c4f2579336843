// One site setting: a key and its JSON value. New settings need no migration; the contract holds defaults.
import { EntitySchema } from 'typeorm';

export interface SettingRow {
  key: string;
  value: string;
  updatedAt: string;
}

export const SettingEntity = new EntitySchema<SettingRow>({
  name: 'Setting',
  tableName: 'setting',
  columns: {
    key: { type: 'varchar', primary: true },
    value: { type: 'text' },
    updatedAt: { type: 'varchar', name: 'updated_at' },
  },
});
