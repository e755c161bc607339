/** Debian's chromium driven by playwright-core (never `npx playwright install`). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every URL the page asked for, in order. */
  requests: string[];
  /** Uncaught errors and console errors, for the failure message. */
  errors: string[];
}

export async function openSession(
  browser: Browser,
  baseUrl: string,
  requests: string[] = [],
  viewport = { width: 1280, height: 800 },
): Promise<Session> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(String(error)));
  // Which request failed, beside the console's bare "Failed to load resource".
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} ${response.request().method()} ${decodeURIComponent(response.url())}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { context, page, requests, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** URLs that leave the server the console came from (data: and blob: stay in the page). */
export function foreignRequests(requests: string[], baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  return requests.filter((url) => {
    if (url.startsWith('data:') || url.startsWith('blob:')) return false;
    return new URL(url).origin !== origin;
  });
}

export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
/** Every demo user's password (README). */
export const DEMO_PASSWORD = 'Duban@2025';

/** A session on a 1366×768 laptop. */
export function openLaptopSession(browser: Browser, baseUrl: string): Promise<Session> {
  return openSession(browser, baseUrl, [], LAPTOP);
}

/** Logs in through the log-in page and waits for the home page. */
export async function logInAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.waitForURL(/#\/login/);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: false }).first().fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('dashboard').waitFor();
}

/** The page as it is now, on the laptop and on a phone (390×844), then back to the laptop. */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await screenshot(page, `${name}-laptop`);
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(400);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(LAPTOP);
  await page.waitForTimeout(200);
}
