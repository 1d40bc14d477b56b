import { describe, expect, it } from 'vitest';
import { createTokenCipher } from './token-cipher';

const key = crypto.getRandomValues(new Uint8Array(32));

describe('token cipher', () => {
  it('round-trips a token without the plaintext appearing in the sealed value', async () => {
    const cipher = await createTokenCipher(key);
    const token = `Atzr|${'x'.repeat(300)}`;
    const sealed = await cipher.encrypt(token, 'sub/advertising/refresh');
    expect(sealed).not.toContain('Atzr');
    expect(await cipher.decrypt(sealed, 'sub/advertising/refresh')).toBe(token);
  });

  it('uses a fresh IV each time, so equal tokens seal differently', async () => {
    const cipher = await createTokenCipher(Buffer.from(key).toString('base64'));
    const first = await cipher.encrypt('same', 'c');
    const second = await cipher.encrypt('same', 'c');
    expect(first).not.toBe(second);
  });

  it('refuses a value moved to another context, tampered with, or opened with another key', async () => {
    const cipher = await createTokenCipher(key);
    const sealed = await cipher.encrypt('secret', 'sub_a/refresh');
    await expect(cipher.decrypt(sealed, 'sub_b/refresh')).rejects.toThrow();
    const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}${sealed.slice(-1)}`;
    await expect(cipher.decrypt(flipped, 'sub_a/refresh')).rejects.toThrow();
    const other = await createTokenCipher(crypto.getRandomValues(new Uint8Array(32)));
    await expect(other.decrypt(sealed, 'sub_a/refresh')).rejects.toThrow();
  });

  it('rejects keys that are not 32 bytes', async () => {
    await expect(createTokenCipher(new Uint8Array(16))).rejects.toThrow(/32 bytes/);
  });
});
