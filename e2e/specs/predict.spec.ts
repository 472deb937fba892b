/**
 * Predict the next hop (issue 14) on the cross-node walk: the first answer is given by clicking
 * the graph, the rest by keyboard alone; each check shows right or wrong with the hop's
 * explanation and is announced; the walk ends with a score. Also checked with axe.
 */
import { encodeShareLink, presetById } from '../../src/scenario/index';
import { expect, test } from '../fixtures';
import { expectAccessible } from '../fixtures/axe';

test('predict mode on the cross-node walk: answer on the graph and by keyboard, then the score', async ({
  page,
  canvas,
}) => {
  test.setTimeout(90_000);
  const preset = presetById('pod-to-pod-routes')!;
  await page.goto(`/#${encodeShareLink(preset.scenario, preset.walk)}`);
  await canvas.ready();
  await expect(page.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
  const total = await page.locator('[data-testid^="trace.hop."][data-kind]').count();
  expect(total).toBeGreaterThan(20);

  await page.getByTestId('trace.predict').click();
  const card = page.getByTestId('predict.card');
  await expect(card).toContainText('Predict hop 2');
  // Only the hops already seen are listed: the answer is not on screen.
  await expect(page.locator('[data-testid^="trace.hop."][data-kind]')).toHaveCount(1);
  // The places on offer are marked on the graph.
  expect(await canvas.classesOf('pod:default/client/eth0')).toContain('is-hint');

  // 1. Where next: click pod eth0 on the graph; headers: the MACs are filled in (B), by key.
  await canvas.click('pod:default/client/eth0');
  await expect(page.getByTestId('predict.where').locator('input:checked')).toHaveValue(
    'pod:default/client/eth0',
  );
  await card.locator('input:checked').focus();
  await page.keyboard.press('b');
  await page.keyboard.press('Enter');
  const feedback = page.getByTestId('predict.feedback');
  await expect(feedback).toHaveAttribute('data-right', 'true');
  await expect(feedback).toContainText('It went to eth0 inside pod default/client');
  await expect(page.getByTestId('live-region')).toContainText('Right. Hop 2');
  await expect(page.getByTestId('trace.position')).toHaveCount(0);
  await expect(page.locator('[data-testid^="trace.hop."][data-kind]')).toHaveCount(2);
  await expectAccessible(page, 'predict mode with feedback');
  await page.screenshot({ path: 'test-results/screens/predict-feedback.png' });

  // 2. A wrong answer by keyboard: "it is dropped" (the last place) — wrong, and said so.
  await expect(page.getByTestId('predict.next')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card).toContainText('Predict hop 3');
  const places = await page.getByTestId('predict.where').locator('input').count();
  await page.keyboard.press(String(places));
  await page.keyboard.press('a');
  await page.keyboard.press('Enter');
  await expect(feedback).toHaveAttribute('data-right', 'false');
  await expect(page.getByTestId('predict.where').locator('[data-value="drop"]')).toContainText(
    'your answer, wrong',
  );
  await expect(page.getByTestId('live-region')).toContainText('right. Hop 3');
  await page.keyboard.press('Enter');

  // The rest by keyboard alone: "stays" (1) and "nothing changes" (A), check, go on.
  for (let i = 3; i < total; i++) {
    await expect(card).toContainText(`Predict hop ${i + 1}`);
    await page.keyboard.press('1');
    if (await page.getByTestId('predict.change').isVisible()) await page.keyboard.press('a');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('predict.next')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  const score = page.getByTestId('predict.score');
  await expect(score).toBeVisible();
  await expect(page.getByTestId('predict.score.value')).toHaveText(/^\d+ \/ \d+$/);
  const [got, of] = (await page.getByTestId('predict.score.value').innerText())
    .split(' / ')
    .map(Number);
  expect(got).toBeGreaterThanOrEqual(2);
  expect(got).toBeLessThan(of!);
  await expect(score).toContainText('Where the packet went');
  await page.screenshot({ path: 'test-results/screens/predict-score.png' });
  await page.getByTestId('predict.exit').click();
  await expect(page.getByTestId('trace.playback')).toBeVisible();
});
