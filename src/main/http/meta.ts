// The request meta of an HTTP call: the socket's address (no proxy is trusted) and the Host header as sent.
import type { Request } from 'express';
import type { RequestMeta } from '../api/types';

/** `::ffff:10.0.0.5` (an IPv4 client on a dual-stack socket) is the same client as `10.0.0.5`. */
export function clientAddress(raw: string | undefined): string {
  if (!raw) return 'unknown';
  return raw.startsWith('::ffff:') && raw.includes('.') ? raw.slice('::ffff:'.length) : raw;
}

export function requestMeta(req: Request): RequestMeta {
  const host = req.headers.host;
  const bridgeKey = req.get('x-nocman-bridge-key');
  const pollerKey = req.get('x-nocman-poller-key');
  return {
    transport: 'http',
    address: clientAddress(req.socket.remoteAddress),
    ...(host ? { host } : {}),
    ...(bridgeKey ? { bridgeKey } : {}),
    ...(pollerKey ? { pollerKey } : {}),
  };
}
