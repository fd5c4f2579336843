// Two consoles on one database file: settings one of them changes are read by the other at once, not cached stale.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/main/core/actor';
import { FakeClock } from '../../src/main/core/clock';
import { createCore, type Core } from '../../src/main/core';
import { databaseOf, makeCore, type TestCore } from '../helpers';

let first: TestCore;
let second: Core;

beforeEach(async () => {
  first = await makeCore();
  second = await createCore({ dataDir: first.dataDir, bcryptCost: 4, clock: new FakeClock(), version: 'test', databaseUrl: databaseOf(first.dataDir) });
});
afterEach(async () => {
  await second.close();
  await first.close();
});

describe('settings shared by two consoles', () => {
  it('reads the tax rate and time zone another console changed', async () => {
    expect(await second.settings.get()).toMatchObject({ taxRate: 11, timeZone: 'Asia/Jakarta' });
    await first.core.settings.update(SYSTEM_ACTOR, { taxRate: 12, timeZone: 'Asia/Makassar' });
    expect(await second.settings.get()).toMatchObject({ taxRate: 12, timeZone: 'Asia/Makassar' });
    await second.settings.update(SYSTEM_ACTOR, { taxRate: 11 });
    expect((await first.core.settings.get()).taxRate).toBe(11);
  });

  it('sees a change written in the same millisecond as the one before', async () => {
    await second.settings.get();
    await first.core.settings.update(SYSTEM_ACTOR, { taxRate: 12 });
    expect((await second.settings.get()).taxRate).toBe(12);
    await first.core.settings.update(SYSTEM_ACTOR, { taxRate: 10 });
    expect((await second.settings.get()).taxRate).toBe(10);
  });

  it('answers from its cache while no other connection wrote', async () => {
    const once = await second.settings.get();
    expect(await second.settings.get()).toBe(once);
    await second.customers.create(SYSTEM_ACTOR, { name: 'Own write', phone: '+6281200000001', email: null, address: '', latitude: null, longitude: null, notes: '', status: 'pending' });
    expect(await second.settings.get()).toBe(once);
  });
});
