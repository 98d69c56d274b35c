// The first paint comes from index.html, before the WASM module has loaded: the frame and the
// start page's heading and introduction, in the app's own words and places, so that when the
// app takes over nothing moves and there is still one h1.
import { test, expect } from '@playwright/test';
import { createAssessment } from './helpers.mjs';

/** Heading, introduction and first button of the start page: their text and where they stand. */
async function startPageLayout(page) {
  const main = page.locator('main');
  const boxOf = async (locator) => {
    const b = await locator.boundingBox();
    return b && { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
  };
  const h1 = main.getByRole('heading', { level: 1 });
  const intro = main.locator('h1 + p');
  const newLink = main.getByRole('link', { name: 'Ny värdering' });
  const about = main.locator('p.start-about');
  const picture = main.getByRole('img', { name: /^Blomlådan för alla publicerade resultat/ });
  return {
    heading: await h1.textContent(), intro: await intro.textContent(), about: await about.textContent(),
    picture: { alt: await picture.getAttribute('alt'), src: await picture.getAttribute('src') },
    links: await main.locator('.start-actions a').allTextContents(),
    boxes: [await boxOf(h1), await boxOf(intro), await boxOf(newLink), await boxOf(about), await boxOf(picture), await boxOf(page.locator('header'))],
  };
}

test('the start page is painted from index.html alone, as the app paints it', async ({ browser }) => {
  // index.html alone: its own script runs (it puts in the start page, on `/` only), the app's
  // module is never fetched.
  const noScript = await browser.newContext({ locale: 'sv-SE', serviceWorkers: 'block' });
  await noScript.route(/\/blomlada-[0-9a-f]+\.js$/, (route) => route.abort());
  const before = await noScript.newPage();
  await before.goto('/');
  await expect(before.getByRole('heading', { level: 1 })).toHaveText('Mina värderingar');
  await expect(before.getByRole('navigation', { name: 'Huvudmeny' })).toBeVisible();
  const painted = await startPageLayout(before);
  await expect(before.locator('main[data-first-paint]')).toHaveCount(1); // still index.html's
  await noScript.close();

  const withApp = await browser.newContext({ locale: 'sv-SE' });
  const page = await withApp.newPage();
  await page.goto('/');
  // The app has taken over once the first paint's elements are gone and its own heading is there.
  await expect(page.locator('[data-first-paint]')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 2, name: 'Sparade värderingar' })).toBeVisible();
  await expect(page.getByRole('main')).toHaveCount(1);
  await expect(page.getByRole('banner')).toHaveCount(1);
  const app = await startPageLayout(page);
  expect(app.heading).toBe(painted.heading);
  expect(app.intro).toBe(painted.intro);
  // The largest text and the picture too: painted before the module, they stay the page's
  // largest paint when the app replaces them with the same words in the same places.
  expect(app.about).toBe(painted.about);
  expect(app.picture).toEqual(painted.picture);
  expect(app.links).toEqual(painted.links);
  expect(app.boxes).toEqual(painted.boxes);
  await withApp.close();
});

test('a deep link never shows the start page heading before the app, nor fetches its picture', async ({ page }) => {
  // The start page's picture is fetched on `/` only (as markup, the preload scanner fetched it
  // on every first visit, at high priority, before the script took the start page away).
  const pictures = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/published/blomlada.svg')) pictures.push(r.url()); });
  // The headings once the parser is done (the first paint's; the app's, should it be quicker).
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      window.__h1AtDomReady = [...document.querySelectorAll('h1')].map((h) => h.textContent);
    });
  });
  await page.goto('/ny');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('searchbox', { name: 'Kommun' })).toBeVisible();
  expect(await page.evaluate(() => window.__h1AtDomReady)).not.toContain('Mina värderingar');
  expect(await page.getByRole('heading', { level: 1 }).textContent()).not.toBe('Mina värderingar');
  await page.waitForLoadState('load');
  expect(pictures).toEqual([]);
});

/** The new-assessment page's heading, labels, hints and fields: their text and where they stand. */
async function newPageLayout(page) {
  const main = page.locator('main');
  const boxOf = async (locator) => {
    const b = await locator.boundingBox();
    return b && { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
  };
  const parts = [
    main.getByRole('heading', { level: 1 }),
    main.locator('label[for=kommun-sok]'), main.locator('#kommun-sok-hint'), main.locator('#kommun-sok'),
    main.locator('label[for=uppsattning]'), main.locator('label[for=titel]'), main.locator('#titel'),
    main.locator('label[for=invanare]'), main.locator('#invanare-hint'), main.locator('#invanare'),
  ];
  return {
    texts: await Promise.all(parts.map((p) => p.textContent())),
    boxes: await Promise.all(parts.map(boxOf)),
  };
}

test('the new-assessment page is painted before the module, inert, as the app paints it', async ({ browser }) => {
  // The module never arrives: what shows is index.html's first paint.
  const before = await browser.newContext({ locale: 'sv-SE' });
  const painted = await before.newPage();
  await painted.route('**/*.wasm', (route) => route.abort());
  await painted.goto('/ny');
  await expect(painted.getByRole('heading', { level: 1 })).toHaveText('Ny värdering');
  // Nothing can be typed into it (it would be lost when the app replaces it).
  await expect(painted.getByRole('searchbox', { name: 'Kommun' })).toBeDisabled();
  await expect(painted.getByRole('textbox', { name: 'Invånarantal' })).toBeDisabled();
  await painted.keyboard.press('Tab');
  expect(await painted.evaluate(() => document.activeElement?.closest('form'))).toBeNull();
  const first = await newPageLayout(painted);
  await before.close();

  const withApp = await browser.newContext({ locale: 'sv-SE' });
  const page = await withApp.newPage();
  await page.goto('/ny');
  await expect(page.locator('[data-first-paint]')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('searchbox', { name: 'Kommun' })).toBeEnabled();
  const app = await newPageLayout(page);
  expect(app.texts).toEqual(first.texts);
  // The largest paint (the population hint) and everything above it stand where they stood.
  expect(app.boxes).toEqual(first.boxes);
  await withApp.close();
});

/** The answering page's menu and heading: their text, links and where they stand. */
async function answeringLayout(page) {
  const main = page.locator('main');
  const nav = main.getByRole('navigation', { name: 'Värderingen' });
  const boxOf = async (locator) => {
    const b = await locator.boundingBox();
    return b && { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
  };
  const links = nav.getByRole('link');
  return {
    heading: await main.getByRole('heading', { level: 1 }).textContent(),
    links: await links.allTextContents(),
    hrefs: await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    current: await nav.locator('[aria-current="page"]').textContent(),
    boxes: [await boxOf(nav), await boxOf(main.getByRole('heading', { level: 1 }))],
  };
}

test('an answering page paints its menu and title from storage before the module', async ({ page }) => {
  const path = await createAssessment(page);
  const app = await answeringLayout(page);

  // The same tab again, the module never arriving: what shows is index.html's first paint.
  const painted = await page.context().newPage();
  await painted.route('**/*.wasm', (route) => route.abort());
  await painted.goto(path);
  await expect(painted.getByRole('heading', { level: 1 })).toHaveText(app.heading);
  expect(await answeringLayout(painted)).toEqual(app);

  // Storage that is not what the app wrote paints nothing of it (the app says what is wrong).
  // The app's tab is closed first: it would write its copy back on the storage event.
  await page.close();
  const id = path.split('/').pop();
  await painted.evaluate((key) => localStorage.setItem(key, '{"storage_format": 2, "assessment": {"title": 7}}'), `blomlada.assessment.${id}`);
  // What index.html painted, read when its parsing ends: the service worker may still serve the
  // module from its cache (routes do not see its responses), and the app then paints the page
  // itself, saying what is wrong with the storage (seen twice under load).
  await painted.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
    window.firstPaint = {
      h1: document.querySelectorAll('main h1').length,
      menu: document.querySelectorAll('main nav').length,
    };
  }));
  await painted.reload();
  await painted.waitForFunction(() => window.firstPaint !== undefined);
  expect(await painted.evaluate(() => window.firstPaint)).toEqual({ h1: 0, menu: 0 });
});
