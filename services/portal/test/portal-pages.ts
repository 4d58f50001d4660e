// What every browser test does with a person's page: sign in by a fresh link, check and keep it.
import type { Page } from 'playwright-core';
import { screenshot, seriousAccessibilityViolations } from './browser';
import { mailsTo, type StandaloneDesk } from './desk-process';

export const LIVE_WAIT_MS = 15_000;

const LINK = /https?:\/\/\S+\/portal\/sign-in\/link\?token=[\w-]+/;
const usedLinks = new Set<string>();

/** The sign-in link of a mail not used yet: the outbox's files are named by message id, not by time. */
const freshSignInLink = async (desk: StandaloneDesk, email: string) => {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const fresh = (await mailsTo(desk, email))
      .map((mail) => LINK.exec(mail)?.[0])
      .find((link): link is string => Boolean(link) && !usedLinks.has(link!));
    if (fresh) {
      usedLinks.add(fresh);
      return fresh;
    }
    if (Date.now() > deadline) throw new Error(`no new sign-in mail to ${email} in the outbox`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** Signs in by the e-mail link, as the person would (the portal in English). */
export const signIn = async (page: Page, desk: StandaloneDesk, email: string) => {
  await page.goto(`${desk.url}/portal/sign-in`);
  await page.getByLabel('E-mail address').fill(email);
  await page.getByRole('button', { name: 'Send me a sign-in link' }).click();
  await page.getByRole('status').waitFor();
  await page.goto(await freshSignInLink(desk, email));
  expect(new URL(page.url()).pathname).not.toBe('/portal/sign-in');
};

/** A page's live region has its stream open, so a change from now on reaches it. */
export const liveConnected = (page: Page, region: string) =>
  page.locator(`#live-${region}[data-live-connected=true]`).waitFor({ timeout: LIVE_WAIT_MS });

/** No serious or critical axe violation on the page as it is now; kept as a screenshot. */
export const checkPage = async (page: Page, name: string) => {
  expect({ page: name, violations: await seriousAccessibilityViolations(page) }).toEqual({
    page: name,
    violations: [],
  });
  await screenshot(page, name);
};
