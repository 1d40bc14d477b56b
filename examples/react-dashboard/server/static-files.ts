import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** A file to send: its bytes, type and caching policy. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly cacheControl: string;
}

/**
 * Finds the built app's file for a URL path, inside `root` only. Paths without an extension are app routes
 * (`/`, `/connections`, `/amazon/return`): they get `index.html`, so the app can route on the client.
 * Returns `null` when there is no such file.
 */
export async function findStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const isRoute = extname(decoded) === '';
  const relative = isRoute ? 'index.html' : normalize(decoded).replace(/^([/\\])+/, '');
  const path = join(root, relative);
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return null;
  try {
    if (!(await stat(path)).isFile()) return null;
  } catch {
    return null;
  }
  const hashed = relative.startsWith(`assets${sep}`) || relative.startsWith('assets/');
  return {
    body: await readFile(path),
    contentType: contentTypes[extname(path)] ?? 'application/octet-stream',
    cacheControl: hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
}
