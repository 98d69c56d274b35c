// Keyboard use of the app's frame (issue 22, point 6): the skip link moves focus to the content,
// so the next Tab goes on from there, not from the top of the page.
import { test, expect } from '@playwright/test';
import { createAssessment } from './helpers.mjs';

test('"Hoppa till innehållet" moves focus into the content on the app pages', async ({ page }) => {
  const path = await createAssessment(page);
  for (const at of ['/', path, `${path}/sammanfattning`]) {
    await page.goto(at);
    await expect(page.locator('[data-first-paint]')).toHaveCount(0);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Hoppa till innehållet' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    // The next Tab stop is inside the content, not the header.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement.closest('main'))).toBe(true);
  }
});
