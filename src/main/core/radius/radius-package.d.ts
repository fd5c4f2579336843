// Types of the parts of the `radius` package (1.1.4, plain JavaScript) that NOCman uses.
declare module 'radius' {
  type AttributeValue = string | number | Buffer | Date;
  export type RadiusAttribute = [string | number, AttributeValue] | ['Vendor-Specific', string | number, RadiusAttribute[]];

  export interface EncodeArgs {
    code: string;
    secret: string;
    identifier?: number;
    attributes?: RadiusAttribute[];
    add_message_authenticator?: boolean;
  }

  export interface DecodedPacket {
    code: string;
    identifier: number;
    length: number;
    authenticator: Buffer;
    attributes: Record<string, unknown>;
    raw_attributes: [number, Buffer][];
  }

  interface Radius {
    encode(args: EncodeArgs): Buffer;
    encode_response(args: { packet: DecodedPacket; code: string; secret: string; attributes?: RadiusAttribute[] }): Buffer;
    decode(args: { packet: Buffer; secret: string }): DecodedPacket;
    decode_without_secret(args: { packet: Buffer }): DecodedPacket;
    verify_response(args: { request: Buffer; response: Buffer; secret: string }): boolean;
    load_dictionaries(): void;
    add_dictionary(file: string): void;
    attr_name_to_id(name: string, vendorId?: number | string): string | undefined;
    /** Internal in 1.1.4: parses dictionary text (the format of FreeRADIUS's dictionary files). */
    _load_dictionary(content: string): string[];
  }

  const radius: Radius;
  export default radius;
}
