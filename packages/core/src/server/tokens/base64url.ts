/**
 * Encodes bytes as unpadded base64url (RFC 4648 §5), safe in URLs and OAuth `state` values.
 *
 * @example
 * ```ts
 * toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
 * ```
 */
export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/**
 * Decodes unpadded or padded base64url (or standard base64) into bytes.
 *
 * @example
 * ```ts
 * fromBase64Url('AQID'); // Uint8Array [1, 2, 3]
 * ```
 */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const buffer = Buffer.from(text, 'base64url');
  const bytes = new Uint8Array(new ArrayBuffer(buffer.length));
  bytes.set(buffer);
  return bytes;
}

/**
 * `length` cryptographically random bytes as base64url.
 *
 * @example
 * ```ts
 * randomToken(32); // 43 characters
 * ```
 */
export function randomToken(byteLength: number): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(byteLength)));
}
