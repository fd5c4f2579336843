// The map tile address gives exactly one extra image origin to the CSP, and nothing when it is not a plain origin.
import { describe, expect, it } from 'vitest';
import { mapTileImageSource } from '../../src/shared/mapTiles';

describe('mapTileImageSource', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://tile.openstreetmap.org'],
    ['https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://*.tile.openstreetmap.org'],
    ['http://10.20.0.5:8080/osm/{z}/{x}/{y}.png', 'http://10.20.0.5:8080'],
    ['HTTP://Tiles.Example.NET/{z}/{x}/{y}.png', 'http://tiles.example.net'],
    ['https://user:pw@tiles.example.net/{z}/{x}/{y}.png', null],
    ['https://tiles.{z}.example.net/{x}/{y}.png', null],
    ['ftp://tiles.example.net/{z}/{x}/{y}.png', null],
    ["https://a.example.net;script-src 'unsafe-inline'/{z}/{x}/{y}", null],
    ['https://a.example.net;script-src/{z}/{x}/{y}', null],
    ['https://a.example.net,b/{z}/{x}/{y}', null],
    ['http://[::1]:8080/{z}/{x}/{y}.png', 'http://[::1]:8080'],
    ['javascript:alert(1)//{z}/{x}/{y}', null],
  ])('%j gives %j', (url, source) => {
    expect(mapTileImageSource(url)).toBe(source);
  });
});
