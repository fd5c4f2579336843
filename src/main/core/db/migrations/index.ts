// Every migration, in order. Add new ones at the end; never edit one that has shipped.
import { Foundation1764201600001 } from './0001-foundation';
import { Customers1764201600002 } from './0002-customers';
import { Alerts1764201600003 } from './0003-alerts';
import { Billing1764201600004 } from './0004-billing';
import { Monitoring1764201600005 } from './0005-monitoring';
import { Bandwidth1764201600006 } from './0006-bandwidth';
import { Radius1764201600007 } from './0007-radius';
import { PlanBurst1764201600008 } from './0008-plan-burst';
import { AlertText1764201600009 } from './0009-alert-text';
import { AdjustmentText1764201600010 } from './0010-adjustment-text';
import { PaymentAllocation1764201600011 } from './0011-payment-allocation';
import { DeviceMapAvailability1764201600012 } from './0012-device-map-availability';
import { Outbox1764201600013 } from './0013-outbox';
import { Site1764201600014 } from './0014-site';
import { Pollers1764201600015 } from './0015-pollers';
import { PollerDiscovery1764201600016 } from './0016-poller-discovery';
import { CustomerSearch1764201600017 } from './0017-customer-search';
import { BwSamplePartitions1764201600018 } from './0018-bw-sample-partitions';
import { CustomerSearchText1764201600019 } from './0019-customer-search-text';

export const migrations = [Foundation1764201600001, Customers1764201600002, Alerts1764201600003, Billing1764201600004, Monitoring1764201600005, Bandwidth1764201600006, Radius1764201600007, PlanBurst1764201600008, AlertText1764201600009, AdjustmentText1764201600010, PaymentAllocation1764201600011, DeviceMapAvailability1764201600012, Outbox1764201600013, Site1764201600014, Pollers1764201600015, PollerDiscovery1764201600016, CustomerSearch1764201600017, BwSamplePartitions1764201600018, CustomerSearchText1764201600019];
