// MS-CHAPv2 as a MikroTik sends it (RFC 2759, RFC 2548): the peer's NT-Response and the server's expected authenticator response.
// Node's OpenSSL 3 has no MD4 and no single DES: MD4 is written out here and DES is triple DES with one key three times.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

function md4(input: Buffer): Buffer {
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  const padded = Buffer.alloc((((input.length + 8) >> 6) + 1) * 64);
  input.copy(padded);
  padded[input.length] = 0x80;
  padded.writeUInt32LE((input.length * 8) >>> 0, padded.length - 8);
  padded.writeUInt32LE(Math.floor(input.length / 0x20000000), padded.length - 4);
  let [a, b, c, d] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const f = (x: number, y: number, z: number) => (x & y) | (~x & z);
  const g = (x: number, y: number, z: number) => (x & y) | (x & z) | (y & z);
  const h = (x: number, y: number, z: number) => x ^ y ^ z;
  for (let offset = 0; offset < padded.length; offset += 64) {
    const x = Array.from({ length: 16 }, (_, i) => padded.readUInt32LE(offset + i * 4));
    const [aa, bb, cc, dd] = [a, b, c, d];
    for (const i of [0, 4, 8, 12]) {
      a = rotl((a + f(b, c, d) + x[i]!) | 0, 3);
      d = rotl((d + f(a, b, c) + x[i + 1]!) | 0, 7);
      c = rotl((c + f(d, a, b) + x[i + 2]!) | 0, 11);
      b = rotl((b + f(c, d, a) + x[i + 3]!) | 0, 19);
    }
    for (const i of [0, 1, 2, 3]) {
      a = rotl((a + g(b, c, d) + x[i]! + 0x5a827999) | 0, 3);
      d = rotl((d + g(a, b, c) + x[i + 4]! + 0x5a827999) | 0, 5);
      c = rotl((c + g(d, a, b) + x[i + 8]! + 0x5a827999) | 0, 9);
      b = rotl((b + g(c, d, a) + x[i + 12]! + 0x5a827999) | 0, 13);
    }
    for (const i of [0, 2, 1, 3]) {
      a = rotl((a + h(b, c, d) + x[i]! + 0x6ed9eba1) | 0, 3);
      d = rotl((d + h(a, b, c) + x[i + 8]! + 0x6ed9eba1) | 0, 9);
      c = rotl((c + h(d, a, b) + x[i + 4]! + 0x6ed9eba1) | 0, 11);
      b = rotl((b + h(c, d, a) + x[i + 12]! + 0x6ed9eba1) | 0, 15);
    }
    [a, b, c, d] = [(a + aa) | 0, (b + bb) | 0, (c + cc) | 0, (d + dd) | 0];
  }
  const out = Buffer.alloc(16);
  [a, b, c, d].forEach((word, i) => out.writeInt32LE(word, i * 4));
  return out;
}

/** DES-encrypts 8 bytes with a 7-byte key (the parity bits of the expanded key are ignored). */
function desEncrypt(key7: Buffer, block: Buffer): Buffer {
  const k = key7;
  const key8 = Buffer.from([
    k[0]!,
    (k[0]! << 7) | (k[1]! >> 1),
    (k[1]! << 6) | (k[2]! >> 2),
    (k[2]! << 5) | (k[3]! >> 3),
    (k[3]! << 4) | (k[4]! >> 4),
    (k[4]! << 3) | (k[5]! >> 5),
    (k[5]! << 2) | (k[6]! >> 6),
    k[6]! << 1,
  ]);
  const cipher = createCipheriv('des-ede3-ecb', Buffer.concat([key8, key8, key8]), null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

const sha1 = (...parts: Buffer[]) => createHash('sha1').update(Buffer.concat(parts)).digest();

export function ntPasswordHash(password: string): Buffer {
  return md4(Buffer.from(password, 'utf16le'));
}

function challengeHash(peerChallenge: Buffer, authenticatorChallenge: Buffer, userName: string): Buffer {
  return sha1(peerChallenge, authenticatorChallenge, Buffer.from(userName, 'utf8')).subarray(0, 8);
}

export function ntResponse(authenticatorChallenge: Buffer, peerChallenge: Buffer, userName: string, password: string): Buffer {
  const hash = Buffer.concat([ntPasswordHash(password), Buffer.alloc(5)]);
  const challenge = challengeHash(peerChallenge, authenticatorChallenge, userName);
  return Buffer.concat([0, 7, 14].map((at) => desEncrypt(hash.subarray(at, at + 7), challenge)));
}

const MAGIC1 = Buffer.from('Magic server to client signing constant');
const MAGIC2 = Buffer.from('Pad to make it do more than one iteration');

/** The `S=…` the server must prove it knows the password with (MS-CHAP2-Success after its ident byte). */
export function authenticatorResponse(password: string, nt: Buffer, peerChallenge: Buffer, authenticatorChallenge: Buffer, userName: string): string {
  const digest = sha1(md4(ntPasswordHash(password)), nt, MAGIC1);
  return `S=${sha1(digest, challengeHash(peerChallenge, authenticatorChallenge, userName), MAGIC2).toString('hex').toUpperCase()}`;
}

export interface MschapV2Request {
  /** radclient attribute lines: MS-CHAP-Challenge and MS-CHAP2-Response. */
  attributes: string[];
  /** What MS-CHAP2-Success must carry after its ident byte. */
  expectedSuccess: string;
}

export function mschapV2Request(userName: string, password: string): MschapV2Request {
  const authenticatorChallenge = randomBytes(16);
  const peerChallenge = randomBytes(16);
  const nt = ntResponse(authenticatorChallenge, peerChallenge, userName, password);
  const ident = 1;
  const response = Buffer.concat([Buffer.from([ident, 0]), peerChallenge, Buffer.alloc(8), nt]);
  return {
    attributes: [`MS-CHAP-Challenge = 0x${authenticatorChallenge.toString('hex')}`, `MS-CHAP2-Response = 0x${response.toString('hex')}`],
    expectedSuccess: authenticatorResponse(password, nt, peerChallenge, authenticatorChallenge, userName),
  };
}
