// The CoaSender port and its UDP implementation: RFC 5176 Disconnect-Request and CoA-Request to a NAS, encoded with
// the `radius` package, one retry after a timeout, the answer's authenticator checked with the NAS secret.
import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import net from 'node:net';
import type { RadiusAttribute } from 'radius';
import { loadRadiusDictionaries, MIKROTIK_VENDOR_ID } from './dictionary';

export interface CoaTarget {
  host: string;
  port: number;
  secret: string;
}

export interface CoaRequest {
  kind: 'disconnect' | 'coa';
  username: string;
  acctSessionId: string;
  nasAddress: string;
  framedIp: string | null;
  /** CoA only: the new `Mikrotik-Rate-Limit`. */
  rateLimit?: string;
}

export interface CoaAnswer {
  outcome: 'ack' | 'nak' | 'timeout';
  /** RFC 5176 Error-Cause of a NAK, when sent. */
  errorCause: number | null;
  /** How many times the request was sent (1, or 2 after a timeout). */
  tries: number;
}

export interface CoaSender {
  send(target: CoaTarget, request: CoaRequest): Promise<CoaAnswer>;
}

const ERROR_CAUSE = 101;

function attributesOf(request: CoaRequest): RadiusAttribute[] {
  const attributes: RadiusAttribute[] = [
    ['User-Name', request.username],
    ['Acct-Session-Id', request.acctSessionId],
  ];
  if (net.isIPv4(request.nasAddress)) attributes.push(['NAS-IP-Address', request.nasAddress]);
  if (request.framedIp && net.isIPv4(request.framedIp)) attributes.push(['Framed-IP-Address', request.framedIp]);
  if (request.kind === 'coa' && request.rateLimit) attributes.push(['Vendor-Specific', MIKROTIK_VENDOR_ID, [['Mikrotik-Rate-Limit', request.rateLimit]]]);
  return attributes;
}

/** The request as the NAS receives it (exported for tests and diagnostics). */
export function encodeCoaRequest(request: CoaRequest, secret: string, identifier: number): Buffer {
  const radius = loadRadiusDictionaries();
  return radius.encode({ code: request.kind === 'coa' ? 'CoA-Request' : 'Disconnect-Request', secret, identifier, attributes: attributesOf(request) });
}

export class UdpCoaSender implements CoaSender {
  constructor(
    private readonly timeoutMs = 3000,
    private readonly retries = 1,
  ) {}

  async send(target: CoaTarget, request: CoaRequest): Promise<CoaAnswer> {
    const radius = loadRadiusDictionaries();
    const packet = encodeCoaRequest(request, target.secret, randomInt(256));
    const socket = dgram.createSocket(net.isIPv6(target.host) ? 'udp6' : 'udp4');
    const acked = request.kind === 'coa' ? 'CoA-ACK' : 'Disconnect-ACK';
    const naked = request.kind === 'coa' ? 'CoA-NAK' : 'Disconnect-NAK';
    try {
      const answer = await new Promise<CoaAnswer>((resolve, reject) => {
        let tries = 0;
        let timer: NodeJS.Timeout | undefined;
        const attempt = () => {
          if (tries > this.retries) return resolve({ outcome: 'timeout', errorCause: null, tries });
          tries++;
          // The same packet again: same identifier and authenticator, so the NAS can tell a retransmission.
          socket.send(packet, target.port, target.host, (error) => error && reject(error));
          timer = setTimeout(attempt, this.timeoutMs);
        };
        socket.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        socket.on('message', (message) => {
          // Not for this request, not from someone who knows the secret, or not RADIUS: ignore it and keep waiting.
          if (message.length < 20 || message[1] !== packet[1]) return;
          let decoded;
          try {
            if (!radius.verify_response({ request: packet, response: Buffer.from(message), secret: target.secret })) return;
            decoded = radius.decode_without_secret({ packet: message });
          } catch {
            return;
          }
          if (decoded.code !== acked && decoded.code !== naked) return;
          clearTimeout(timer);
          const cause = decoded.raw_attributes.find(([id]) => Number(id) === ERROR_CAUSE)?.[1];
          resolve({ outcome: decoded.code === acked ? 'ack' : 'nak', errorCause: cause && cause.length >= 4 ? cause.readUInt32BE(0) : null, tries });
        });
        attempt();
      });
      return answer;
    } finally {
      socket.close();
    }
  }
}
