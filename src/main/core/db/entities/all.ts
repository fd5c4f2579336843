// Every TypeORM entity of the site database (the same list on SQLite and PostgreSQL).
import { AuditLogEntity } from './AuditLog';
import { CustomerEntity } from './Customer';
import { HistoryEntity } from './History';
import { PlanEntity } from './Plan';
import { SettingEntity } from './Setting';
import { SubscriptionEntity } from './Subscription';
import { UserEntity } from './User';

export const ENTITIES = [UserEntity, SettingEntity, AuditLogEntity, PlanEntity, CustomerEntity, SubscriptionEntity, HistoryEntity];
