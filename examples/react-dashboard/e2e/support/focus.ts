import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** What makes a focus indicator: the outline and the box shadow, as computed. */
interface FocusLook {
  readonly outlineStyle: string;
  readonly outlineWidth: string;
  readonly outlineColor: string;
  readonly boxShadow: string;
}

/** One element the keyboard focused, and how it looked focused and unfocused. */
export interface FocusStop {
  /** Role-ish description for messages: `button "Cancel"`, `a "Connections"`. */
  readonly name: string;
  readonly focused: FocusLook;
  readonly unfocused: FocusLook;
}

declare global {
  interface Window {
    /** The elements a focus walk reached, in order (set by {@link tabThrough}). */
    __focusStops?: Element[];
  }
}

/** Whether `look` draws something around the element that `base` does not: an outline or a different shadow. */
export function showsFocus(stop: FocusStop): boolean {
  const { focused, unfocused } = stop;
  const outline =
    focused.outlineStyle !== 'none' &&
    Number.parseFloat(focused.outlineWidth) >= 2 &&
    !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(focused.outlineColor) &&
    (focused.outlineStyle !== unfocused.outlineStyle ||
      focused.outlineWidth !== unfocused.outlineWidth ||
      focused.outlineColor !== unfocused.outlineColor);
  const shadow = focused.boxShadow !== 'none' && focused.boxShadow !== unfocused.boxShadow;
  return outline || shadow;
}

/** The computed look of the stops recorded so far, read while none of them has the focus. */
async function unfocusedLooks(page: Page): Promise<FocusLook[]> {
  return page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    return (window.__focusStops ?? []).map((element) => {
      const style = getComputedStyle(element);
      return {
        outlineStyle: style.outlineStyle,
        outlineWidth: style.outlineWidth,
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
      };
    });
  });
}

/** Records the focused element (if new) and returns its description and look, or `null` when none / seen. */
function recordFocused(page: Page): Promise<{ name: string; look: FocusLook } | null> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) return null;
    window.__focusStops ??= [];
    if (window.__focusStops.includes(element)) return null;
    window.__focusStops.push(element);
    const style = getComputedStyle(element);
    const label = (element.getAttribute('aria-label') ?? element.textContent ?? '')
      .replace(/\s+/g, ' ')
      .trim();
    return {
      name: `${element.tagName.toLowerCase()} "${label}"`,
      look: {
        outlineStyle: style.outlineStyle,
        outlineWidth: style.outlineWidth,
        outlineColor: style.outlineColor,
        boxShadow: style.boxShadow,
      },
    };
  });
}

/**
 * Presses Tab from where the focus is now until it comes back to an element already seen (a modal dialog keeps it
 * inside) or leaves the page, recording each element on the way and how it looks focused; then reads how each one
 * looks unfocused. `stop` ends the walk early (for a menu that closes when the focus leaves it).
 */
export async function tabThrough(
  page: Page,
  options: {
    readonly max?: number;
    readonly stop?: (name: string) => boolean;
    /** Whether the element focused now is the first stop. @default true */
    readonly fromCurrent?: boolean;
  } = {},
): Promise<FocusStop[]> {
  await page.evaluate(() => {
    window.__focusStops = [];
  });
  const found: { name: string; look: FocusLook }[] = [];
  const first = options.fromCurrent === false ? null : await recordFocused(page);
  if (first) found.push(first);
  for (let i = 0; i < (options.max ?? 80); i++) {
    await page.keyboard.press('Tab');
    const next = await recordFocused(page);
    if (!next) break;
    found.push(next);
    if (options.stop?.(next.name)) break;
  }
  const unfocused = await unfocusedLooks(page);
  return found.map((stop, index) => ({
    name: stop.name,
    focused: stop.look,
    unfocused: unfocused[index] ?? stop.look,
  }));
}

/** Fails with the names of the stops that show no focus indicator. */
export function expectVisibleFocus(stops: readonly FocusStop[]): void {
  expect(stops.length, 'the keyboard reached nothing').toBeGreaterThan(0);
  const invisible = stops.filter((stop) => !showsFocus(stop)).map((stop) => stop.name);
  expect(invisible, 'focused elements without a visible focus indicator').toEqual([]);
}

/**
 * Every visible element a user can operate (links, enabled buttons, anything in the tab order) of the page: its
 * description, to check that a focus walk reached it.
 */
export function interactiveElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector =
      'a[href], button:not(:disabled), input, select, textarea, [tabindex]:not([tabindex="-1"])';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((element) => element.checkVisibility() && !element.closest('[inert]'))
      .filter((element) => !document.querySelector('dialog[open]') || element.closest('dialog[open]'))
      .map((element) => {
        const label = (element.getAttribute('aria-label') ?? element.textContent ?? '')
          .replace(/\s+/g, ' ')
          .trim();
        return `${element.tagName.toLowerCase()} "${label}"`;
      });
  });
}

/**
 * Starts at the top of the page (nothing focused), Tabs through every element the keyboard reaches, and checks
 * that each one shows a focus indicator and that every visible interactive element was reached.
 */
export async function expectEveryStopShowsFocus(page: Page): Promise<FocusStop[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  // Tab goes on from where the focus last was: a click on the page's top left corner (nothing to operate there, the
  // backdrop while a prompt is open) starts the walk again from the top.
  await page.mouse.click(1, 1);
  const expected = await interactiveElements(page);
  const stops = await tabThrough(page, { fromCurrent: false });
  expectVisibleFocus(stops);
  expect(stops.map((stop) => stop.name).sort()).toEqual([...expected].sort());
  return stops;
}
