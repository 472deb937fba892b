/**
 * Moving through the app by keyboard alone, as a keyboard user does: F6 between the screen's
 * regions (toolbar, left column, graph, right panel), Tab within one.
 */
import type { Page } from '@playwright/test';

/** Presses Tab (or Shift+Tab) until the element with this test id has the focus. */
export async function tabTo(page: Page, testId: string, back = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const at = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    if (at === testId) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${testId}`);
}

/** Presses Tab until the focus is inside the element with this test id. */
export async function tabInto(page: Page, testId: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const inside = await page.evaluate(
      (id) => !!document.activeElement?.closest(`[data-testid="${id}"]`),
      testId,
    );
    if (inside) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached into ${testId}`);
}

/** F6 until the focus is in this region of the screen. */
export async function regionTo(page: Page, region: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const at = await page.evaluate(
      () => document.activeElement?.closest('[data-region]')?.getAttribute('data-region') ?? '',
    );
    if (at === region) return;
    await page.keyboard.press('F6');
  }
  throw new Error(`F6 never reached the ${region} region`);
}

/** Types a walk into the toolbar's form and submits it with Enter. */
export async function typeWalk(page: Page, from: string, to: string, port = ''): Promise<void> {
  await regionTo(page, 'toolbar');
  for (const [id, text] of [
    ['walk.from', from],
    ['walk.to', to],
    ['walk.port', port],
  ] as const) {
    await tabTo(page, id);
    await page.keyboard.press('ControlOrMeta+a');
    if (text) await page.keyboard.type(text);
    else await page.keyboard.press('Delete');
  }
  await page.keyboard.press('Enter');
}
