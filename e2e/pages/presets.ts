/** Opening a preset from the gallery, as a user does: the toolbar's Presets button, then Open. */
import { expect, type Page } from '@playwright/test';

import type { Canvas } from '../fixtures';
import { TracePanel } from './TracePanel';

/**
 * Opens the app, then the preset `id`; resolves once the gallery has closed and the preset's walk
 * has its verdict (`delivered` unless told otherwise).
 */
export async function openPreset(
  page: Page,
  canvas: Canvas,
  id: string,
  verdict = 'delivered',
): Promise<TracePanel> {
  await page.goto('/');
  await canvas.ready();
  await page.getByTestId('toolbar.presets').click();
  await page.getByTestId(`preset.${id}.open`).click();
  await expect(page.getByTestId('dialog.presets')).toBeHidden();
  const trace = new TracePanel(page);
  await expect(trace.verdict).toHaveAttribute('data-verdict', verdict);
  return trace;
}
