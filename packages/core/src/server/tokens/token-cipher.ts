import { createCipheriv, createDecipheriv, createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { fromBase64Url, toBase64Url } from './base64url';

/**
 * What a host may pass as the encryption key: 32 random bytes, as bytes, base64 text or an extractable
 * Web Crypto AES-256 key.
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
  /** Seals `plaintext`; the result is `v1.<iv>.<ciphertext and tag>` in base64url. */
  encrypt(plaintext: string, context: string): Promise<string>;
  /** Opens a value sealed with the same key and context; throws {@link SealedValueError} on any mismatch. */
  decrypt(sealed: string, context: string): Promise<string>;
}

/**
 * A sealed value did not open: it was sealed with another key or for another row, or it was altered.
 * The message never contains the value, the key or OpenSSL's own text.
 *
 * @example
 * ```ts
 * try { await cipher.decrypt(sealed, context); } catch (error) { if (error instanceof SealedValueError) rotateKeyBack(); }
 * ```
 */
export class SealedValueError extends Error {
  override readonly name = 'SealedValueError';
  constructor() {
    super('A sealed value could not be opened: another key, another context, or altered.');
  }
}

const tagBytes = 16;
const ivBytes = 12;

/** The AES-256 key as a Node `KeyObject`; throws a `TypeError` that names the option when it is not 32 bytes. */
export function encryptionKeyObject(input: EncryptionKeyInput): KeyObject {
  if (typeof input === 'object' && 'algorithm' in input && 'type' in input) {
    if (!input.extractable) {
      throw new TypeError('encryptionKey: a CryptoKey must be extractable; or pass the 32 bytes themselves');
    }
    const key = KeyObject.from(input);
    if (key.type !== 'secret' || key.symmetricKeySize !== 32) {
      throw new TypeError('encryptionKey must be a 256-bit AES key');
    }
    return key;
  }
  const bytes = typeof input === 'string' ? fromBase64Url(input.trim()) : new Uint8Array(input);
  if (bytes.length !== 32) {
    throw new TypeError('encryptionKey must be 32 bytes (AES-256), given as bytes or base64 text');
  }
  return createSecretKey(bytes);
}

/**
 * Creates a {@link TokenCipher} from the host's key (32 bytes; base64 text such as the output of
 * `openssl rand -base64 32` works).
 *
 * It seals with Node's synchronous AES-256-GCM, never with Web Crypto's `subtle.encrypt`: Node aborts the
 * whole process when a Web Crypto AES job finishes while any other code on the thread (a TLS session that
 * did not parse, for example) has left an error in OpenSSL's queue. A token of 2 kB seals in microseconds.
 *
 * @example
 * ```ts
 * const cipher = await createTokenCipher(crypto.getRandomValues(new Uint8Array(32)));
 * ```
 */
export async function createTokenCipher(key: EncryptionKeyInput): Promise<TokenCipher> {
  const secret = encryptionKeyObject(key);
  return {
    async encrypt(plaintext, context) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', secret, iv, { authTagLength: tagBytes });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `v1.${toBase64Url(iv)}.${toBase64Url(sealed)}`;
    },
    async decrypt(sealed, context) {
      const [version, ivText, dataText, extra] = sealed.split('.');
      if (version !== 'v1' || ivText === undefined || dataText === undefined || extra !== undefined) {
        throw new SealedValueError();
      }
      const iv = fromBase64Url(ivText);
      const data = fromBase64Url(dataText);
      if (iv.length !== ivBytes || data.length < tagBytes) throw new SealedValueError();
      try {
        const decipher = createDecipheriv('aes-256-gcm', secret, iv, { authTagLength: tagBytes });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(data.subarray(data.length - tagBytes));
        const opened = Buffer.concat([
          decipher.update(data.subarray(0, data.length - tagBytes)),
          decipher.final(),
        ]);
        return opened.toString('utf8');
      } catch {
        throw new SealedValueError();
      }
    },
  };
}
