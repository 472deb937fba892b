/**
 * Accessibility (issue 14): axe-core finds no serious or critical WCAG 2.1 A/AA violation on any
 * screen — the default view, the inspector, each right-panel tab, a walk, the dialogs and the
 * export menu, the Learn dialog, the quiz and a lesson — in the light theme (every rule) and the
 * dark theme (the colour rules, which are the only ones a theme changes).
 */
import type { Page } from '@playwright/test';

import { expect, test, type Canvas } from '../fixtures';
import { expectAccessible } from '../fixtures/axe';

type Theme = 'light' | 'dark';

async function open(page: Page, canvas: Canvas, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
  await page.goto('/');
  await canvas.ready();
  if (theme === 'dark') await expect(page.locator('html')).toHaveClass(/dark/);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`axe, ${theme} theme`, () => {
    test.describe.configure({ timeout: 120_000 });
    const check = (page: Page, screen: string) =>
      expectAccessible(page, `${theme}: ${screen}`, { theme });

    test('default view, inspectors and the right-panel tabs', async ({ page, canvas }) => {
      await open(page, canvas, theme);
      await check(page, 'default view');
      await canvas.click('pod:shop/frontend-1', 'top');
      await expect(page.getByTestId('inspector.title')).toHaveText('shop/frontend-1');
      await check(page, 'pod inspector');
      await canvas.click('node:node-1/iptables');
      await check(page, 'iptables inspector');
      for (const tab of ['network', 'policies', 'matrix'] as const) {
        await page.getByTestId(`tab.${tab}`).click();
        await expect(page.getByTestId('right-panel').getByRole('tabpanel')).not.toContainText(
          'Loading',
        );
        await check(page, `${tab} tab`);
      }
    });

    test('a walk, the dialogs and the export menu', async ({ page, canvas }) => {
      await open(page, canvas, theme);
      await page.getByTestId('walk.from').fill('pod/default/client');
      await page.getByTestId('walk.to').fill('svc/shop/frontend');
      await page.getByTestId('walk.run').click();
      await expect(page.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
      await page.locator('[data-kind="dnat"]').first().click();
      await check(page, 'a walk at its DNAT hop');
      for (const dialog of ['presets', 'import', 'share'] as const) {
        await page.getByTestId(`toolbar.${dialog}`).click();
        await expect(page.getByTestId(`dialog.${dialog}`)).toBeVisible();
        await expect(page.getByTestId(`dialog.${dialog}`)).not.toContainText('Loading');
        await check(page, `${dialog} dialog`);
        await page.keyboard.press('Escape');
        await expect(page.getByTestId(`dialog.${dialog}`)).toBeHidden();
      }
      await page.getByTestId('toolbar.export').click();
      await expect(page.getByRole('menu')).toBeVisible();
      await check(page, 'export menu');
    });

    test('the Learn dialog, the quiz and a lesson beside the graph', async ({ page, canvas }) => {
      await open(page, canvas, theme);
      await page.getByTestId('toolbar.learn').click();
      await expect(page.getByTestId('lessons')).toBeVisible();
      await check(page, 'learn dialog');
      await page.getByTestId('learn.tab.quiz').click();
      await page.getByTestId('quiz').getByRole('button', { name: 'No' }).first().click();
      await check(page, 'quiz with an answer');
      await page.getByTestId('learn.tab.lessons').click();
      await page.getByTestId('lesson.network-policy.start').click();
      await expect(page.getByTestId('lesson.step-title')).toBeVisible();
      await page.getByTestId('lesson.check').click();
      await expect(page.getByTestId('lesson.hint')).toBeVisible();
      await check(page, 'a lesson with a hint');
    });
  });
}
