// The portal's browser tests: Debian's Chromium driven by playwright-core (no browser download),
// axe-core run inside each page, screenshots kept under .infra/portal-screenshots/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
export const SCREENSHOTS = join(ROOT, '.infra', 'portal-screenshots');

/** CHROMIUM_PATH from the environment or .infra/env (infra.sh chromium), else Debian's path. */
const chromiumPath = () => {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const envFile = join(ROOT, '.infra', 'env');
  const saved = existsSync(envFile) && /^CHROMIUM_PATH=(.+)$/m.exec(readFileSync(envFile, 'utf8'));
  const path = saved ? saved[1].trim() : '/usr/bin/chromium';
  if (!existsSync(path))
    throw new Error(
      `Chromium is missing at ${path}: run \`bash deploy/local/infra.sh chromium\` (npm test does)`,
    );
  return path;
};

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

/**
 * A fresh browser profile (its own cookies) as one person uses the portal. The pages forbid
 * inline scripts, so the context bypasses that policy for axe's injected script only in tests.
 */
export const openPerson = async (browser: Browser, options: { phone?: boolean } = {}) => {
  const context = await browser.newContext({
    bypassCSP: true,
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    locale: 'en-GB',
  });
  return context.newPage();
};

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const AXE_SOURCE = () => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now (the test expects none). */
export const seriousAccessibilityViolations = async (page: Page): Promise<string[]> => {
  await page.addScriptTag({ content: AXE_SOURCE() });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
};

/** A full-page screenshot under .infra/portal-screenshots/<name>.png. */
export const screenshot = async (page: Page, name: string) => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};
