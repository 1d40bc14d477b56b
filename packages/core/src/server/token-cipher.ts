import { fromBase64Url, toBase64Url } from './base64url';

/**
 * What a host may pass as the encryption key: 32 random bytes, as bytes, base64 text or a Web Crypto key.
 *
 * @example
 * ```ts
 * const key: EncryptionKeyInput = process.env.AMAZON_TOKEN_KEY!; // openssl rand -base64 32
 * ```
 */
export type EncryptionKeyInput = Uint8Array | string | CryptoKey;

/**
 * Encrypts and decrypts secrets (refresh and access tokens, PKCE verifiers) at rest with AES-256-GCM and a
 * random 96-bit IV per value. `context` is bound as additional authenticated data, so a ciphertext copied
 * to another row (another subscription or kind) does not decrypt.
 *
 * @example
 * ```ts
 * const cipher = await createTokenCipher(process.env.AMAZON_TOKEN_KEY!); // base64 of 32 bytes
 * const sealed = await cipher.encrypt('Atzr|…', 'sub_1/advertising/refresh');
 * await cipher.decrypt(sealed, 'sub_1/advertising/refresh'); // 'Atzr|…'
 * ```
 */
export interface TokenCipher {
  /** Seals `plaintext`; the result is `v1.<iv>.<ciphertext>` in base64url. */
  encrypt(plaintext: string, context: string): Promise<string>;
  /** Opens a value sealed with the same key and context; throws on any tampering. */
  decrypt(sealed: string, context: string): Promise<string>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function importKey(input: EncryptionKeyInput): Promise<CryptoKey> {
  if (typeof input === 'object' && 'algorithm' in input && 'type' in input) return input;
  const bytes = typeof input === 'string' ? fromBase64Url(input.trim()) : new Uint8Array(input);
  if (bytes.length !== 32) {
    throw new TypeError('encryptionKey must be 32 bytes (AES-256), given as bytes or base64 text');
  }
  return crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

/**
 * Creates a {@link TokenCipher} from the host's key (32 bytes; base64 text such as the output of
 * `openssl rand -base64 32` works).
 *
 * @example
 * ```ts
 * const cipher = await createTokenCipher(crypto.getRandomValues(new Uint8Array(32)));
 * ```
 */
export async function createTokenCipher(key: EncryptionKeyInput): Promise<TokenCipher> {
  const cryptoKey = await importKey(key);
  return {
    async encrypt(plaintext, context) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
        cryptoKey,
        encoder.encode(plaintext),
      );
      return `v1.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
    },
    async decrypt(sealed, context) {
      const [version, iv, data] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || data === undefined) {
        throw new TypeError('not a sealed value');
      }
      const opened = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: encoder.encode(context) },
        cryptoKey,
        fromBase64Url(data),
      );
      return decoder.decode(opened);
    },
  };
}
