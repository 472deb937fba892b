/**
 * Learning features beyond the pod-to-Service lesson (issue 14): predict mode walked with the
 * keyboard alone (right at the DNAT hop, with the mechanism), every lesson completed in the app
 * by its own "show me" steps, the misconception quiz opening the walk that proves an answer, and
 * the README screenshots of a lesson and of predict mode in both themes, each checked with axe.
 */
import type { Page } from '@playwright/test';

import { LESSONS } from '../../src/scenario/index';
import { expect, test, type Canvas } from '../fixtures';
import { expectAccessible } from '../fixtures/axe';
import { regionTo, tabInto, tabTo, typeWalk } from '../pages/keys';

/** Index (0-based) of the walk's first request DNAT hop, read from the hop list. */
async function dnatIndex(page: Page): Promise<number> {
  const id = await page
    .locator('[data-testid^="trace.hop."][data-kind="dnat"][data-direction="request"]')
    .first()
    .getAttribute('data-testid');
  return Number(id?.slice('trace.hop.'.length));
}

/** In predict mode, answers the DNAT hop right by keys: stays (1), destination rewritten, DNAT. */
async function answerDnat(page: Page): Promise<void> {
  await page.keyboard.press('1');
  const change = page.getByTestId('predict.change');
  const letter = await change
    .locator('label')
    .evaluateAll((ls) => ls.findIndex((l) => l.textContent?.includes('Destination rewritten')));
  await page.keyboard.press(String.fromCharCode(97 + letter));
  // The mechanism is a radio group: Tab into it, then arrow keys (they check as they move).
  await tabInto(page, 'predict.mechanism');
  const mech = page.getByTestId('predict.mechanism').locator('input');
  const want = await page
    .getByTestId('predict.mechanism')
    .locator('label')
    .evaluateAll((ls) => ls.findIndex((l) => l.textContent?.includes('DNAT rule kube-proxy')));
  await page.keyboard.press('Space');
  for (let i = 0; i < want; i++) await page.keyboard.press('ArrowDown');
  await expect(mech.nth(want)).toBeChecked();
  await page.keyboard.press('Enter');
}

test('predict mode by keyboard alone on the pod-to-Service walk: the DNAT hop right, then the score', async ({
  page,
  canvas,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await canvas.ready();
  await typeWalk(page, 'pod/default/client', 'svc/shop/frontend', '80');
  await expect(page.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
  const total = await page.locator('[data-testid^="trace.hop."][data-kind]').count();
  const dnat = await dnatIndex(page);
  expect(dnat).toBeGreaterThan(1);

  await regionTo(page, 'right');
  await tabTo(page, 'trace.predict');
  await page.keyboard.press('Enter');
  const card = page.getByTestId('predict.card');
  const feedback = page.getByTestId('predict.feedback');
  for (let i = 1; i < total; i++) {
    await expect(card).toContainText(`Predict hop ${i + 1}`);
    if (i === dnat) {
      await answerDnat(page);
      await expect(feedback).toHaveAttribute('data-right', 'true');
      await expect(feedback).toContainText('KUBE-SEP');
      await expect(page.getByTestId('live-region')).toContainText(`Right. Hop ${i + 1}`);
    } else {
      await page.keyboard.press('1');
      if (await page.getByTestId('predict.change').isVisible()) await page.keyboard.press('a');
      await page.keyboard.press('Enter');
      await expect(feedback).toBeVisible();
    }
    await expect(page.getByTestId('predict.next')).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('predict.score')).toBeVisible();
  await expect(page.getByTestId('predict.score.value')).toHaveText(/^\d+ \/ \d+$/);
  await expectAccessible(page, 'the predict score');
});

test('every lesson can be completed in the app by its own "show me" steps', async ({
  page,
  canvas,
}) => {
  test.setTimeout(240_000);
  for (const lesson of LESSONS) {
    await page.goto(`/?lesson=${lesson.id}&step=1`);
    await canvas.ready();
    for (const [i, step] of lesson.steps.entries()) {
      await expect(page.getByTestId('lesson.step-title')).toHaveText(`${i + 1}. ${step.title}`);
      await expect(page.getByTestId('lesson.done')).toHaveCount(0);
      await page.getByTestId('lesson.show-me').click();
      await page.getByTestId('lesson.show-me.confirm').click();
      await expect(page.getByTestId('lesson.done'), `${lesson.id} ${step.id}`).toContainText(
        'Done (shown)',
      );
      await page.getByTestId('lesson.next').click();
    }
    await expect(page.getByTestId('lesson.finish.score')).toHaveText(
      `0 of ${lesson.steps.length} steps solved, ${lesson.steps.length} shown.`,
    );
  }
});

test('the misconception quiz: a wrong answer says what is true and opens the walk that proves it', async ({
  page,
  canvas,
}) => {
  await page.goto('/');
  await canvas.ready();
  await page.getByTestId('toolbar.learn').click();
  await page.getByTestId('learn.tab.quiz').click();
  const quiz = page.getByTestId('quiz');
  const questions = quiz.locator('li[data-testid^="quiz."]');
  expect(await questions.count()).toBeGreaterThanOrEqual(20);
  const q = questions.filter({ hasText: 'to a ClusterIP get an answer' });
  const id = (await q.getAttribute('data-testid'))!;
  // "Yes" is the misconception: no interface holds the ClusterIP, and kube-proxy DNATs only TCP/UDP/SCTP.
  await q.getByRole('button', { name: 'Yes' }).click();
  const truth = page.getByTestId(`${id}.truth`);
  await expect(truth).toContainText('Not so.');
  await expectAccessible(page, 'the quiz with an answer');
  await expect(page.getByTestId('quiz.score')).toContainText('Answered 1');
  await page.getByTestId(`${id}.proof`).click();
  await expect(page.getByTestId('dialog.learn')).toBeHidden();
  await expect(page.getByTestId('trace.verdict')).toBeVisible();
  await expect(page.locator('[data-testid="trace.hops"] [aria-selected="true"]')).toBeVisible();
});

async function withTheme(page: Page, canvas: Canvas, url: string, dark: boolean) {
  await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light', reducedMotion: 'reduce' });
  await page.goto(url);
  await canvas.ready();
  if (dark) await expect(page.locator('html')).toHaveClass(/dark/);
}

for (const dark of [false, true]) {
  const theme = dark ? 'dark' : 'light';
  const suffix = dark ? '-dark' : '';
  test(`README screenshots, ${theme}: a lesson step after a wrong try, predict mode at the DNAT hop`, async ({
    page,
    canvas,
  }) => {
    test.setTimeout(150_000);
    await withTheme(page, canvas, '/?lesson=pod-to-service&step=1', dark);
    await expect(page.getByTestId('lesson.step-title')).toBeVisible();
    await page.getByTestId('walk.from').fill('pod/default/client');
    await page.getByTestId('walk.to').fill('pod/shop/frontend-1');
    await page.getByTestId('walk.run').click();
    await page.getByTestId('lesson.check').click();
    await expect(page.getByTestId('lesson.hint')).toBeVisible();
    await expectAccessible(page, `${theme}: a lesson with a hint`, { theme });
    await page.screenshot({ path: `docs/screenshot-lesson${suffix}.png` });

    await page.getByTestId('lesson.leave').click();
    await page.getByTestId('walk.to').fill('svc/shop/frontend');
    await page.getByTestId('walk.port').fill('80');
    await page.getByTestId('walk.run').click();
    await expect(page.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
    const dnat = await dnatIndex(page);
    await page.getByTestId('trace.predict').click();
    for (let i = 1; i < dnat; i++) {
      await expect(page.getByTestId('predict.card')).toContainText(`Predict hop ${i + 1}`);
      await page.keyboard.press('1');
      if (await page.getByTestId('predict.change').isVisible()) await page.keyboard.press('a');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('predict.next')).toBeFocused();
      await page.keyboard.press('Enter');
    }
    await expect(page.getByTestId('predict.card')).toContainText(`Predict hop ${dnat + 1}`);
    await answerDnat(page);
    await expect(page.getByTestId('predict.feedback')).toHaveAttribute('data-right', 'true');
    await expectAccessible(page, `${theme}: predict mode with feedback`, { theme });
    await page.screenshot({ path: `docs/screenshot-predict${suffix}.png` });
  });
}
