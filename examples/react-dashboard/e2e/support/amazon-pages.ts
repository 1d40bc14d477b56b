import type { Page } from 'playwright-core';

/** Who signs in on the mock Amazon's pages, and whether they grant the permissions. */
export interface AmazonSignIn {
  readonly email: string;
  readonly password: string;
  /** `false` presses Cancel on the consent page. @default true */
  readonly grant?: boolean;
}

/**
 * Goes through the mock Amazon's real sign-in and consent pages, as a person would: email, password, Sign in,
 * then Allow (Login with Amazon) or Confirm (Seller Central), or Cancel.
 */
export async function signInOnAmazon(page: Page, who: AmazonSignIn): Promise<void> {
  await page.getByLabel('Email or mobile phone number').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const consent = page.locator('form[name="consent"]');
  await consent.waitFor();
  if (who.grant === false) {
    await consent.getByRole('button', { name: 'Cancel' }).click();
  } else {
    await consent.getByRole('button', { name: /^(Allow|Confirm)$/ }).click();
  }
}
