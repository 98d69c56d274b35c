// A long-lived shared assessment stays small (issue 20): after a few hundred changes a device
// with the edit link hands the server an encrypted snapshot of everything, the server drops the
// changes it covers, and a device that joins later gets the same answers from the snapshot.
import { webcrypto } from 'node:crypto';
import fs from 'node:fs';
import { test, expect } from '@playwright/test';
import { createAssessment, waitForAllIndicators } from './helpers.mjs';

/** Opens one sealed message as the app does (AES-256-GCM, the share id as additional data). */
async function open(keyB64, share, data) {
  const key = await webcrypto.subtle.importKey('raw', Buffer.from(keyB64, 'base64url'), 'AES-GCM', false, ['decrypt']);
  const bytes = Buffer.from(data, 'base64url');
  const plain = await webcrypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12), additionalData: Buffer.from(share) }, key, bytes.subarray(12));
  return JSON.parse(Buffer.from(plain).toString('utf8'));
}

/** Anna's answers among a replica's entries (a snapshot's or a stored record's). */
const annasAnswers = (entries) => entries
  .filter((e) => e.author === 'Anna, socialförvaltningen' && e.change.target?.indicator?.field === 'answer')
  .map((e) => e.change.value.text);

/** Which answer each indicator has, in page order ('' for none). */
async function answers(page) {
  return page.locator('fieldset').evaluateAll((sets) => sets.map((f) => f.querySelector('input[type=radio]:checked')?.labels?.[0]?.textContent.trim() ?? ''));
}

test('after a few hundred changes the server keeps a snapshot instead, and a new device reads it', async ({ browser, baseURL, request }) => {
  test.setTimeout(240_000);
  const a = await (await browser.newContext({ baseURL, locale: 'sv-SE' })).newPage();
  await createAssessment(a);
  await a.getByRole('link', { name: 'Arbeta tillsammans' }).first().click();
  await a.getByRole('textbox', { name: 'Ditt namn och förvaltning' }).fill('Anna, socialförvaltningen');
  await a.getByRole('button', { name: 'Dela värderingen' }).click();
  const edit = await a.getByRole('textbox', { name: 'Länk för att svara och ändra' }).inputValue();
  const share = new URL(edit).pathname.split('/').pop();
  await a.getByRole('link', { name: 'Svara', exact: true }).first().click();
  await waitForAllIndicators(a);

  // Two passes over every indicator: each answer is a change of its own, the second replaces
  // the first (which stays in the history the snapshot carries).
  const helt = a.getByRole('radio', { name: 'Uppfyller helt' });
  const inte = a.getByRole('radio', { name: 'Uppfyller inte' });
  const count = await helt.count();
  expect(count).toBeGreaterThan(100);
  for (const radios of [helt, inte]) {
    for (let i = 0; i < count; i++) await radios.nth(i).check();
  }
  await expect(a.getByText('Delad värdering', { exact: false }).first()).toBeVisible();

  // The server holds a snapshot covering at least the first 200 changes, and only what came after.
  let log;
  await expect.poll(async () => {
    log = await (await request.get(`/api/v1/shares/${share}/changes?after=0`)).json();
    return log.snapshot?.covers ?? 0;
  }, { timeout: 60_000 }).toBeGreaterThanOrEqual(200);
  expect(log.changes.every((c) => c.seq > log.snapshot.covers)).toBe(true);
  expect(log.changes.length).toBeLessThan(log.latest - 150);
  expect(log.snapshot.data).not.toContain('helt');
  // The snapshot is ciphertext like every change: nothing readable in its bytes or in the
  // database; opened with the link's key it is the whole replica, replaced values included.
  const sealed = Buffer.from(log.snapshot.data, 'base64url');
  for (const plain of ['Anna, social', 'tjanster.', 'verksamhet.', 'delvis', 'Uppfyller']) {
    expect(sealed.includes(plain), `${plain} in the snapshot in plain text`).toBe(false);
  }
  for (const f of [process.env.E2E_DB, `${process.env.E2E_DB}-wal`].filter((f) => f && fs.existsSync(f))) {
    expect(fs.readFileSync(f).includes('Anna, social'), `the author's name in plain text in ${f}`).toBe(false);
  }
  const snapshot = await open(new URLSearchParams(new URL(edit).hash.slice(1)).get('k'), share, log.snapshot.data);
  expect(annasAnswers(snapshot.entries).filter((v) => v === 'helt').length).toBe(count);

  // Everything sent: a device that joins now reads the snapshot and what followed it.
  await expect.poll(async () => (await (await request.get(`/api/v1/shares/${share}/changes?after=0`)).json()).latest, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(2 * count);
  const b = await (await browser.newContext({ baseURL, locale: 'sv-SE' })).newPage();
  await b.goto(edit);
  await b.getByRole('textbox', { name: 'Ditt namn och förvaltning' }).fill('Bertil, skolförvaltningen');
  await b.getByRole('button', { name: 'Öppna den delade värderingen' }).click();
  await b.waitForURL(/\/vardering\/[0-9a-f]+/);
  await waitForAllIndicators(b);
  const expected = await answers(a);
  expect(expected.filter((x) => x === 'Uppfyller inte').length).toBeGreaterThanOrEqual(count);
  await expect.poll(() => answers(b), { timeout: 30_000 }).toEqual(expected);
  // The replaced values came with the snapshot too: the new device's replica (what its history
  // lists) holds both of Anna's answers to every indicator.
  const stored = await b.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('blomlada.share.')).map((k) => localStorage.getItem(k)));
  expect(stored.length).toBe(1);
  const onB = annasAnswers(JSON.parse(JSON.parse(stored[0]).replica).entries);
  expect(onB.filter((v) => v === 'helt').length).toBe(count);
  expect(onB.filter((v) => v === 'inte').length).toBe(count);
});
