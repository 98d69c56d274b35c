// Working together (issue 20): one assessment shared between browser contexts (separate
// browsers, as far as storage goes) through the real server. Answers and comments travel live;
// a context that goes offline keeps answering and converges on reconnect, the replaced value
// listed; the view link cannot write; the server holds nothing readable; a wrong key, a damaged
// link, an altered change and a deleted share are named.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { createAssessment, expectNoSeriousA11yViolations, openNotes, waitForAllIndicators } from './helpers.mjs';

const radio = (page, name, nth) => page.getByRole('radio', { name }).nth(nth);
const SECRET = 'Zebrafink-4711 hemlig brist i säkerheten';

async function newPage(browser, baseURL) {
  const context = await browser.newContext({ baseURL, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  return { context, page: await context.newPage() };
}

/** Shares the assessment open in `page` and returns its edit and view links. */
async function share(page, name) {
  await page.getByRole('link', { name: 'Arbeta tillsammans' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Arbeta tillsammans' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Ditt namn och förvaltning' }).fill(name);
  await page.getByRole('button', { name: 'Dela värderingen' }).click();
  const edit = page.getByRole('textbox', { name: 'Länk för att svara och ändra' });
  await expect(edit).toHaveValue(/\/delad\/[A-Za-z0-9_-]{22}#k=[A-Za-z0-9_-]{43}&w=[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText('Alla dina ändringar är skickade.')).toBeVisible();
  return {
    edit: await edit.inputValue(),
    view: await page.getByRole('textbox', { name: 'Länk för att bara visa' }).inputValue(),
  };
}

/** Opens a share link in `page`, naming the device when asked, and waits for the answering page. */
async function join(page, url, name) {
  await page.goto(url);
  if (name) {
    await page.getByRole('textbox', { name: 'Ditt namn och förvaltning' }).fill(name);
    await page.getByRole('button', { name: 'Öppna den delade värderingen' }).click();
  }
  await page.waitForURL(/\/vardering\/[0-9a-f]+/);
  await waitForAllIndicators(page);
}

function shareParts(url) {
  const u = new URL(url);
  const id = u.pathname.split('/').pop();
  const params = new URLSearchParams(u.hash.slice(1));
  return { id, key: params.get('k'), write: params.get('w') };
}

test('three browsers answer one shared assessment live and offline, and end with the same answers', async ({ browser, baseURL, request }) => {
  test.setTimeout(120_000);
  const a = await newPage(browser, baseURL);
  await createAssessment(a.page);
  await radio(a.page, 'Uppfyller helt', 0).check();
  const links = await share(a.page, 'Anna, socialförvaltningen');
  await expectNoSeriousA11yViolations(a.page);
  await a.page.getByRole('link', { name: 'Svara', exact: true }).first().click();
  await waitForAllIndicators(a.page);

  const b = await newPage(browser, baseURL);
  await join(b.page, links.edit, 'Bertil, skolförvaltningen');
  await expect(b.page.getByText('Delad värdering', { exact: false }).first()).toBeVisible();
  await expect(radio(b.page, 'Uppfyller helt', 0)).toBeChecked();
  await expect(b.page).toHaveURL(/\/vardering\/[0-9a-f]+$/); // the key left the address bar

  // Live, both ways: an answer in A shows in B; a comment in B shows in A.
  await radio(a.page, 'Uppfyller delvis', 1).check();
  await expect(radio(b.page, 'Uppfyller delvis', 1)).toBeChecked();
  await openNotes(b.page, { nth: 2 });
  await b.page.getByRole('textbox', { name: 'Kommentar' }).first().fill(SECRET);
  await openNotes(a.page, { nth: 2 });
  await expect(a.page.getByRole('textbox', { name: 'Kommentar' }).first()).toHaveValue(SECRET);

  const c = await newPage(browser, baseURL);
  await join(c.page, links.edit, 'Cecilia, IT-avdelningen');
  await expect(radio(c.page, 'Uppfyller delvis', 1)).toBeChecked();
  await openNotes(c.page, { nth: 2 });
  await expect(c.page.getByRole('textbox', { name: 'Kommentar' }).first()).toHaveValue(SECRET);

  // B goes offline; A and B both keep answering, also the same indicator (4).
  await b.context.setOffline(true);
  await radio(b.page, 'Uppfyller inte', 4).check();
  await radio(b.page, 'Uppfyller helt', 5).check();
  await radio(a.page, 'Uppfyller delvis', 4).check();
  await radio(a.page, 'Uppfyller inte', 6).check();
  await expect(radio(c.page, 'Uppfyller inte', 6)).toBeChecked();
  await expect(radio(b.page, 'Uppfyller inte', 6)).not.toBeChecked();
  await b.context.setOffline(false);

  // Everyone converges: A's later answer to 4 wins everywhere, B's offline one is kept as replaced.
  for (const p of [a.page, b.page, c.page]) {
    await expect(radio(p, 'Uppfyller delvis', 4)).toBeChecked({ timeout: 20_000 });
    await expect(radio(p, 'Uppfyller helt', 5)).toBeChecked({ timeout: 20_000 });
    await expect(radio(p, 'Uppfyller inte', 6)).toBeChecked();
    await expect(radio(p, 'Uppfyller delvis', 1)).toBeChecked();
  }
  await c.page.getByRole('link', { name: 'Arbeta tillsammans' }).first().click();
  const since = c.page.getByRole('region', { name: 'Sedan du senast tittade' });
  await expect(since.getByText(/Bertil, skolförvaltningen ändrade .* → Uppfyller inte .*\(ersatt av en senare ändring\)/).first()).toBeVisible();
  await expect(since.getByText(/Bertil, skolförvaltningen ändrade .* → Uppfyller helt/).first()).toBeVisible();
  await expectNoSeriousA11yViolations(c.page);

  // The view link shows but cannot write: its answers are disabled, and the server refuses a
  // change without the edit secret.
  const v = await newPage(browser, baseURL);
  await join(v.page, links.view);
  await expect(v.page.getByText('du har en visningslänk och kan inte ändra')).toBeVisible();
  await expect(radio(v.page, 'Uppfyller delvis', 4)).toBeChecked();
  await expect(radio(v.page, 'Uppfyller helt', 8)).toBeDisabled();
  const { id, write } = shareParts(links.edit);
  const refused = await request.post(`/api/v1/shares/${id}/changes`, { data: { data: 'AAAA' } });
  expect([401, 403]).toContain(refused.status());

  // The server holds ciphertext only: no comment text, no indicator id, no name — neither in
  // what it serves nor in its database file (and its write-ahead log).
  const served = await (await request.get(`/api/v1/shares/${id}/changes?after=0`)).json();
  expect(served.changes.length).toBeGreaterThan(3);
  const bytes = Buffer.concat(served.changes.map((c) => Buffer.from(c.data, 'base64url')));
  // What the server stores for the share is exactly what it serves (the server's own test
  // compares the database's bytes with what was sent): no name, comment, indicator id or label.
  for (const blob of [bytes, JSON.stringify(served)]) {
    for (const plain of ['Zebrafink', 'Anna, social', 'Bertil', 'tjanster.', 'verksamhet.', '"answer"', 'Uppfyller']) {
      expect(Buffer.from(blob).includes(plain), `${plain} served in plain text`).toBe(false);
    }
  }
  // The whole database file and its WAL: the end-to-end server is shared with the specs that
  // publish, and published results (open data) rightly hold indicator ids and answers, so only
  // what exists nowhere but in this shared assessment is looked for there.
  if (process.env.E2E_DB) {
    for (const f of [process.env.E2E_DB, `${process.env.E2E_DB}-wal`]) {
      if (!fs.existsSync(f)) continue;
      const file = fs.readFileSync(f);
      for (const plain of ['Zebrafink', 'Anna, social', 'Bertil']) {
        expect(file.includes(plain), `${plain} stored in plain text in ${path.basename(f)}`).toBe(false);
      }
    }
  }

  // An altered change (sealed with no key at all) is refused by GCM and named; the rest stays.
  const tampered = await request.post(`/api/v1/shares/${id}/changes`, {
    headers: { Authorization: `Bearer ${write}` },
    data: { data: Buffer.from('x'.repeat(60)).toString('base64url') },
  });
  expect(tampered.status()).toBe(201);
  await a.page.getByRole('link', { name: 'Arbeta tillsammans' }).first().click();
  await expect(a.page.getByRole('alert').getByText(/En ändring kunde inte läsas: den har ändrats på vägen/)).toBeVisible({ timeout: 10_000 });

  // Stopping the share deletes it on the server; B is told, and keeps its copy.
  a.page.once('dialog', (d) => d.accept());
  await a.page.getByRole('button', { name: 'Sluta dela' }).click();
  await expect(a.page.getByText('Delningen är avslutad. Värderingen finns kvar i den här webbläsaren.')).toBeVisible();
  expect((await request.get(`/api/v1/shares/${id}/changes?after=0`)).status()).toBeGreaterThanOrEqual(404);
  await b.page.getByRole('link', { name: 'Arbeta tillsammans' }).first().click();
  await expect(b.page.getByRole('alert').getByText(/Delningen finns inte längre/)).toBeVisible({ timeout: 15_000 });
  await b.page.getByRole('link', { name: 'Svara', exact: true }).first().click();
  await waitForAllIndicators(b.page);
  await expect(radio(b.page, 'Uppfyller delvis', 4)).toBeChecked();

  for (const x of [a, b, c, v]) await x.context.close();
});

test('a wrong key and a damaged link are named, and nothing is opened', async ({ browser, baseURL }) => {
  const a = await newPage(browser, baseURL);
  await createAssessment(a.page);
  const links = await share(a.page, 'Anna, socialförvaltningen');
  const { id } = shareParts(links.view);

  const other = await newPage(browser, baseURL);
  await other.page.goto(`/delad/${id}#k=${'A'.repeat(43)}`);
  await expect(other.page.getByRole('alert')).toContainText('nyckeln i länken stämmer inte');
  await expectNoSeriousA11yViolations(other.page);
  await other.page.goto(`/delad/${id}#k=${shareParts(links.view).key.slice(0, 20)}`);
  await other.page.reload();
  await expect(other.page.getByRole('alert')).toContainText('nyckeln efter # saknas eller är inte hel');
  await other.page.goto('/delad/kort#k=AAAA');
  await expect(other.page.getByRole('alert')).toContainText('delningens id i adressen');
  // Nothing was added to that browser's assessments.
  await other.page.goto('/');
  await expect(other.page.getByText('Du har inga värderingar', { exact: false })).toBeVisible();
  await a.context.close();
  await other.context.close();
});

test('a hand-out link opens the shared assessment with just the chosen groups', async ({ browser, baseURL }) => {
  const a = await newPage(browser, baseURL);
  await createAssessment(a.page);
  await share(a.page, 'Anna, socialförvaltningen');
  const groups = a.page.getByRole('group', { name: 'Grupper att lämna ut' });
  const first = groups.getByRole('checkbox').first();
  const firstName = (await groups.locator('label').first().textContent()).trim();
  await first.check();
  await a.page.getByRole('textbox', { name: 'Förvaltning', exact: true }).fill('Vård och omsorg');
  await a.page.getByRole('button', { name: 'Skapa länk för förvaltningen' }).click();
  const handout = await a.page.getByRole('textbox', { name: 'Länk för Vård och omsorg' }).inputValue();
  expect(handout).toContain('&del=');
  await expectNoSeriousA11yViolations(a.page);

  const b = await newPage(browser, baseURL);
  await join(b.page, handout, 'Doris, vård och omsorg');
  await expect(b.page.getByRole('heading', { level: 3, name: firstName })).toBeVisible();
  await expect(b.page.locator('section.group:not([hidden])')).toHaveCount(1);
  await b.page.getByRole('button', { name: 'Visa alla grupper' }).click();
  expect(await b.page.locator('section.group:not([hidden])').count()).toBeGreaterThan(1);
  await a.context.close();
  await b.context.close();
});
