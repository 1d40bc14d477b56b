import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const folder = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));

/**
 * Saves the page (the visible viewport, to keep the files small) as docs/screenshots/<name>.png for the README.
 * Set E2E_SCREENSHOTS=0 to skip. The README's pictures come from the Vite example's run only.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS === '0' || process.env.E2E_APP === 'next') return;
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: `${folder}${name}.png`, animations: 'disabled', caret: 'hide' });
}
