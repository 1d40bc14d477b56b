import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';
import { createTokenCipher, SealedValueError } from './token-cipher';

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

  it('refuses a value moved to another context, tampered with, or opened with another key, with its own error', async () => {
    const cipher = await createTokenCipher(key);
    const sealed = await cipher.encrypt('secret', 'sub_a/refresh');
    await expect(cipher.decrypt(sealed, 'sub_b/refresh')).rejects.toBeInstanceOf(SealedValueError);
    // change one byte of the ciphertext (a character in the middle always maps to whole bytes)
    const [version, iv, data = ''] = sealed.split('.');
    const at = Math.floor(data.length / 2);
    const flipped = `${version}.${iv}.${data.slice(0, at)}${data[at] === 'A' ? 'B' : 'A'}${data.slice(at + 1)}`;
    expect(flipped).not.toBe(sealed);
    await expect(cipher.decrypt(flipped, 'sub_a/refresh')).rejects.toBeInstanceOf(SealedValueError);
    const other = await createTokenCipher(crypto.getRandomValues(new Uint8Array(32)));
    await expect(other.decrypt(sealed, 'sub_a/refresh')).rejects.toBeInstanceOf(SealedValueError);
    for (const garbage of ['', 'v1', 'v1..', 'v2.AAAA.AAAA', `${sealed}.extra`, 'v1.AAAA.AAAA']) {
      await expect(cipher.decrypt(garbage, 'sub_a/refresh')).rejects.toBeInstanceOf(SealedValueError);
    }
  });

  it('rejects keys that are not 32 bytes, and Web Crypto keys that are not AES-256', async () => {
    await expect(createTokenCipher(new Uint8Array(16))).rejects.toThrow(/32 bytes/);
    await expect(createTokenCipher('not base64 of 32 bytes')).rejects.toThrow(/32 bytes/);
    const short = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encrypt']);
    await expect(createTokenCipher(short)).rejects.toThrow(/256-bit/);
    const locked = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
    await expect(createTokenCipher(locked)).rejects.toThrow(/extractable/);
  });

  it('opens values sealed by earlier versions (Web Crypto AES-GCM, same v1 layout) and takes a Web Crypto key', async () => {
    const webKey = await crypto.subtle.importKey('raw', key, { name: 'AES-GCM' }, true, ['encrypt']);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const sealedBefore = new Uint8Array(
      await crypto.subtle.encrypt(
        { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode('sub_1/auth/refresh') },
        webKey,
        new TextEncoder().encode('Atzr|stored-last-month'),
      ),
    );
    const stored = `v1.${Buffer.from(iv).toString('base64url')}.${Buffer.from(sealedBefore).toString('base64url')}`;
    expect(await (await createTokenCipher(key)).decrypt(stored, 'sub_1/auth/refresh')).toBe(
      'Atzr|stored-last-month',
    );
    expect(await (await createTokenCipher(webKey)).decrypt(stored, 'sub_1/auth/refresh')).toBe(
      'Atzr|stored-last-month',
    );
  });

  it('holds under concurrent encrypt, decrypt and failed-decrypt load (20,000 operations)', async () => {
    const cipher = await createTokenCipher(key);
    const wrong = await createTokenCipher(crypto.getRandomValues(new Uint8Array(32)));
    let opened = 0;
    let refused = 0;
    for (let round = 0; round < 100; round++) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const token = `Atza|${round}-${i}-${'t'.repeat(i * 20)}`;
          const sealed = await cipher.encrypt(token, `sub_${i}/access`);
          if (i % 2 === 0) {
            expect(await cipher.decrypt(sealed, `sub_${i}/access`)).toBe(token);
            opened++;
          } else {
            await expect(wrong.decrypt(sealed, `sub_${i}/access`)).rejects.toBeInstanceOf(SealedValueError);
            refused++;
          }
        }),
      );
    }
    expect({ opened, refused }).toEqual({ opened: 2500, refused: 2500 });
  });
});

describe('token cipher beside other OpenSSL users on the same thread', () => {
  // Regression for the CI crash ("Assertion failed: errors->Empty()" in CipherJob<AESCipherTraits>::ToResult):
  // msw's socket interceptor hands undici a fake TLS session ("mocked session"); undici passes it to the next
  // TLS connection to that host, Node fails to parse it and leaves errors on the thread's OpenSSL queue until
  // the mocked handshake completes. A Web Crypto AES job finishing in that window aborted the process. Any
  // host code can leave such errors; the cipher must not care. Before the fix this file's worker died.
  it('seals and opens while a TLS connection has left errors on the OpenSSL queue', async () => {
    const server = setupServer(
      http.get('https://tls-session.smart-ads.test/ping', async () => {
        await delay(40);
        return HttpResponse.json({ ok: true });
      }),
    );
    server.listen({ onUnhandledFrame: 'error' });
    try {
      const cipher = await createTokenCipher(key);
      const ping = async () => (await fetch('https://tls-session.smart-ads.test/ping')).json();
      await ping(); // undici now holds the interceptor's fake session for this host
      for (let round = 0; round < 5; round++) {
        // Seals started first finish after the new connections below have set the fake session.
        const tokens = Array.from({ length: 20 }, (_, i) => `Atzr|round-${round}-${i}`);
        const seals = tokens.map((token) => cipher.encrypt(token, 'sub_1/refresh'));
        const pending = Promise.all([ping(), ping(), ping()]);
        for (const [i, sealed] of (await Promise.all(seals)).entries()) {
          expect(await cipher.decrypt(sealed, 'sub_1/refresh')).toBe(tokens[i]);
          const refused = await cipher.decrypt(sealed, 'sub_2/refresh').catch((error: unknown) => error);
          expect(refused).toBeInstanceOf(SealedValueError);
          expect(String((refused as Error).message)).not.toMatch(/asn1|routines/i);
        }
        await pending;
      }
    } finally {
      server.close();
    }
  });
});

// The same situation in a plain Node process (Vitest's worker clears the queue sooner, hiding the abort): our
// cipher, bundled from source, seals and opens while msw's fake TLS session has left errors on the queue.
// With the Web Crypto cipher of earlier versions this process died with SIGABRT every time.
const childScript = `
import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { createTokenCipher } from './token-cipher.ts';
const server = setupServer(http.get('https://tls-session.smart-ads.test/ping', async () => {
  await delay(50);
  return HttpResponse.json({ ok: true });
}));
server.listen({ onUnhandledFrame: 'error' });
const cipher = await createTokenCipher(new Uint8Array(32).fill(9));
const ping = async () => (await fetch('https://tls-session.smart-ads.test/ping')).json();
await ping();
let opened = 0;
for (let round = 0; round < 5; round++) {
  // Seals started first finish on the thread pool after the new connections below have set the fake session.
  const seals = Array.from({ length: 20 }, (_, i) => cipher.encrypt('Atzr|child-' + round + '-' + i, 'sub_1/refresh'));
  const pending = Promise.all([ping(), ping()]);
  for (const [i, sealed] of (await Promise.all(seals)).entries()) {
    if ((await cipher.decrypt(sealed, 'sub_1/refresh')) === 'Atzr|child-' + round + '-' + i) opened++;
  }
  await pending;
}
server.close();
console.log('opened ' + opened);
`;

describe('token cipher in a plain Node process beside msw', () => {
  it('does not abort the process, and opens every value it sealed', async () => {
    const here = fileURLToPath(new URL('.', import.meta.url));
    const bundled = await build({
      stdin: { contents: childScript, resolveDir: here, loader: 'ts', sourcefile: 'child.ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['msw', 'msw/node'],
      write: false,
      logLevel: 'silent',
    });
    // Inside the package, so the child resolves msw like the package does.
    const dir = fileURLToPath(new URL('../../../node_modules/.cache/smart-ads-tests/', import.meta.url));
    mkdirSync(dir, { recursive: true });
    const file = `${dir}token-cipher-child.mjs`;
    writeFileSync(file, bundled.outputFiles[0]?.text ?? '');
    const child = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    expect(child.stderr).not.toContain('Assertion failed');
    expect({ signal: child.signal, status: child.status, stdout: child.stdout.trim() }).toEqual({
      signal: null,
      status: 0,
      stdout: 'opened 100',
    });
  }, 40_000);
});
