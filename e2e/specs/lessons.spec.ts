/**
 * Guided lessons (issue 14), as a learner does them: the pod-to-Service lesson with the keyboard
 * alone — a wrong walk checked first (the hint appears and is announced), then the right one; a
 * hop chosen in the walk list; "show me" for one step (marked shown, not solved); the steps
 * complete when the computed state meets the goal and undo themselves when it stops meeting it.
 * Progress survives a reload, a link opens a lesson at a step, a bad link says what exists.
 */
import type { Page } from '@playwright/test';

import { expect, test } from '../fixtures';
import { expectAccessible } from '../fixtures/axe';
import { regionTo, tabTo, typeWalk } from '../pages/keys';

/** Arrow keys in the walk's hop list until the selected hop is of this kind. */
async function arrowToHop(page: Page, kind: string, direction: 'request' | 'reply') {
  for (let i = 0; i < 80; i++) {
    const at = await page.evaluate(() => {
      const li = document.activeElement;
      return `${li?.getAttribute('data-kind')} ${li?.getAttribute('data-direction')}`;
    });
    if (at === `${kind} ${direction}`) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no ${direction} ${kind} hop`);
}

test('the pod-to-Service lesson with the keyboard alone: a wrong try and its hint, show me, the finish', async ({
  page,
  canvas,
}) => {
  // A long walk through the whole lesson by keys: generous for a loaded CI machine.
  test.setTimeout(300_000);
  await page.goto('/');
  await canvas.ready();
  const panel = page.getByTestId('lesson.panel');
  const live = page.getByTestId('live-region');

  // Open it from the toolbar's Learn dialog.
  await regionTo(page, 'toolbar');
  await tabTo(page, 'toolbar.learn');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('dialog.learn')).toBeVisible();
  await expect(page.getByTestId('lessons').locator('li')).toHaveCount(7);
  await tabTo(page, 'lesson.pod-to-service.start');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('dialog.learn')).toBeHidden();
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('lesson.step-title')).toHaveText('1. Send a packet to a Service');
  await expect(page).toHaveURL(/\?lesson=pod-to-service&step=1#/);

  // A wrong try: a walk to one of the pods, not to the Service. Check says what is missing.
  await typeWalk(page, 'pod/default/client', 'pod/shop/frontend-1', '8080');
  await expect(page.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
  const criteria = page.getByTestId('lesson.criterion');
  await expect(criteria.nth(0)).toHaveAttribute('data-ok', 'true');
  await expect(criteria.nth(1)).toHaveAttribute('data-ok', 'false');
  await regionTo(page, 'left');
  await tabTo(page, 'lesson.check');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lesson.hint')).toHaveCount(1);
  await expect(page.getByTestId('lesson.hint')).toContainText('svc/NAMESPACE/NAME');
  await expect(live).toContainText('Not yet. Still missing');
  await expect(live).toContainText('Hint: A Service ref');
  await expect(page.getByTestId('lesson.done')).toHaveCount(0);
  await expectAccessible(page, 'a lesson step with a hint');

  // The right walk: the step completes on the computed walk, with its takeaway announced.
  await typeWalk(page, 'pod/default/client', 'svc/shop/frontend', '80');
  await expect(page.getByTestId('lesson.done')).toBeVisible();
  await expect(criteria.nth(1)).toHaveAttribute('data-ok', 'true');
  await expect(live).toContainText('Step 1 done.');
  await regionTo(page, 'left');
  await tabTo(page, 'lesson.next');
  await page.keyboard.press('Enter');

  // Step 2: find the DNAT hop in the walk list with the arrow keys.
  await expect(page.getByTestId('lesson.step-title')).toHaveText(
    '2. Where does the destination change?',
  );
  await tabTo(page, 'lesson.to-walk');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid="trace.hops"] [aria-selected="true"]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('lesson.done')).toHaveCount(0);
  await arrowToHop(page, 'dnat', 'request');
  await expect(page.getByTestId('lesson.done')).toBeVisible();
  // Computed, not latched: moving off the hop un-meets the goal.
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('lesson.done')).toHaveCount(0);
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('lesson.done')).toBeVisible();
  await regionTo(page, 'left');
  await tabTo(page, 'lesson.next');
  await page.keyboard.press('Enter');

  // Step 3 by "show me" (asks first; the step is marked shown, not solved).
  await expect(page.getByTestId('lesson.step-title')).toHaveText('3. Follow the other endpoint');
  await tabTo(page, 'lesson.show-me');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lesson.show-me.confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lesson.done')).toContainText('Done (shown)');
  await expect(page.getByTestId('trace.verdict')).toContainText('shop/frontend-2');
  await tabTo(page, 'lesson.next');
  await page.keyboard.press('Enter');

  // Step 4: the reply's un-DNAT, by keyboard in the walk list.
  await expect(page.getByTestId('lesson.step-title')).toHaveText('4. The way back');
  await tabTo(page, 'lesson.to-walk');
  await page.keyboard.press('Enter');
  await arrowToHop(page, 'unnat', 'reply');
  await expect(page.getByTestId('lesson.done')).toBeVisible();
  await expectAccessible(page, 'a lesson step done');
  await page.screenshot({ path: 'test-results/screens/lesson-step-done.png' });
  await regionTo(page, 'left');
  await tabTo(page, 'lesson.next');
  await expect(page.getByTestId('lesson.next')).toHaveText('Finish the lesson →');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('lesson.finish.score')).toHaveText('3 of 4 steps solved, 1 shown.');
  await expect(page.getByTestId('lesson.close')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeHidden();
  await expect(page.getByTestId('element-list')).toBeVisible();
  await expect(page).not.toHaveURL(/lesson=/);
});

test('progress survives a reload; a link opens a lesson at a step; a bad link says which exist', async ({
  page,
  canvas,
}) => {
  test.setTimeout(120_000);
  await page.goto('/?lesson=pod-to-service&step=2');
  await canvas.ready();
  // The link replays step 1, so step 2 can be done right away.
  await expect(page.getByTestId('lesson.step-title')).toHaveText(
    '2. Where does the destination change?',
  );
  await expect(page.getByTestId('trace.verdict')).toHaveAttribute('data-verdict', 'delivered');
  await page.locator('[data-testid^="trace.hop."][data-kind="dnat"]').first().click();
  await expect(page.getByTestId('lesson.done')).toBeVisible();
  await page.getByTestId('lesson.next').click();
  await expect(page.getByTestId('lesson.step-title')).toHaveText('3. Follow the other endpoint');
  await expect(page).toHaveURL(/\?lesson=pod-to-service&step=3#/);

  await page.reload();
  await canvas.ready();
  await expect(page.getByTestId('lesson.step-title')).toHaveText('3. Follow the other endpoint');
  const dots = page.getByTestId('lesson.steps').getByRole('button');
  await expect(dots.nth(1)).toHaveAccessibleName(/Step 2: .*, solved/);
  await expect(dots.nth(0)).not.toHaveAccessibleName(/solved|shown/);
  await expect(dots.nth(2)).toHaveAttribute('aria-current', 'step');

  // The lesson list shows the progress and continues where the learner stopped.
  await page.getByTestId('lesson.leave').click();
  await page.getByTestId('toolbar.learn').click();
  const card = page.getByTestId('lesson.pod-to-service');
  await expect(card).toContainText('1 solved');
  await expect(page.getByTestId('lesson.pod-to-service.start')).toHaveText('Continue at step 1');
  await expectAccessible(page, 'the Learn dialog');
  await page.getByTestId('learn.tab.quiz').click();
  await expectAccessible(page, 'the misconception quiz');
  await page.keyboard.press('Escape');

  await page.goto('/?lesson=no-such-lesson');
  await canvas.ready();
  await expect(page.getByText('names a lesson “no-such-lesson” that does not exist')).toBeVisible();
  await expect(page.getByText('pod-to-service', { exact: false }).first()).toBeVisible();
  await expect(page.getByTestId('lesson.panel')).toHaveCount(0);
});
