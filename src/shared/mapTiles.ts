// The one extra image source the Content Security Policy allows: the origin of the configured map tile address.
// Leaflet's `{s}` subdomain placeholder becomes a `*.` wildcard; anything that is not a plain http(s) origin gives
// nothing, so a malformed setting can never widen the policy.

/** The CSP source (`https://tile.example.net`, `https://*.tile.openstreetmap.org`) of `mapTileUrl`, or null. */
export function mapTileImageSource(mapTileUrl: string): string | null {
  const raw = mapTileUrl.trim();
  if (raw === '') return null;
  const match = /^(https?):\/\/([^/?#]+)/i.exec(raw);
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  const authority = match[2]!.replace(/^\{s\}\./, 'wildcard-subdomain.');
  let url: URL;
  try {
    url = new URL(`${scheme}://${authority}`);
  } catch {
    return null;
  }
  if (url.username !== '' || url.password !== '' || /[{}]/.test(url.host)) return null;
  const host = url.host.replace(/^wildcard-subdomain\./, '*.');
  // Only characters a CSP host source may hold: a ';' or ',' would start another directive.
  if (!/^(\*\.)?([a-z0-9-]+\.)*[a-z0-9-]+(:\d+)?$|^\[[0-9a-f:.]+\](:\d+)?$/.test(host)) return null;
  return `${scheme}://${host}`;
}
