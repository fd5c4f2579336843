// Which Host headers name this server (first-run setup against DNS rebinding), and where the allowed names come from.
import { describe, expect, it } from 'vitest';
import { hostName, isServedHost } from '../../src/main/api/hosts';
import { readServeConfig } from '../../src/main/env';

describe('served hosts', () => {
  const allowed = ['noc.isp.lan', 'nocman.local'];

  it.each([
    ['127.0.0.1:5000'],
    ['10.20.0.5'],
    ['[::1]:5000'],
    ['[fe80::1]'],
    ['localhost:5000'],
    ['LocalHost'],
    ['noc.isp.lan:5000'],
    ['NOC.ISP.LAN.'],
    ['nocman.local'],
  ])('serves %s', (host) => expect(isServedHost(host, allowed)).toBe(true));

  it.each([
    ['evil.example'],
    ['noc.isp.lan.evil.example'],
    ['127.0.0.1.nip.io:5000'],
    ['localhost.evil.example'],
    ['evil.localhost'],
    [''],
    ['noc.isp.lan:5000:80'],
    ['user@noc.isp.lan'],
  ])('does not serve %j', (host) => expect(isServedHost(host, allowed)).toBe(false));

  it('refuses a request without a Host', () => expect(isServedHost(undefined, allowed)).toBe(false));

  it('reads names as a Host header would carry them', () => {
    expect(hostName('[::1]:8080')).toBe('::1');
    expect(hostName('Noc.Isp.Lan.:5000')).toBe('noc.isp.lan');
    expect(hostName('a b')).toBeNull();
  });

  it('allows the names in NOCMAN_ALLOWED_HOSTS and the bound host', () => {
    const config = readServeConfig({ NOCMAN_ALLOWED_HOSTS: ' noc.isp.lan , billing.isp.lan,' }, { host: 'nocman.local' }, 'test');
    expect(config.core.allowedHosts).toEqual(['noc.isp.lan', 'billing.isp.lan', 'nocman.local']);
    expect(readServeConfig({}, {}, 'test').core.allowedHosts).toEqual(['127.0.0.1']);
  });
});
