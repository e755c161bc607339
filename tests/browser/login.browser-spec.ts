import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { foreignRequests, launch, openSession, screenshot, type Session } from './support/browser';

const baseUrl = inject('baseUrl');
const adminPassword = inject('adminPassword');

/** Every request made by every page in this file; the last test asserts none left the server. */
const allRequests: string[] = [];
let browser: Browser;
let session: Session | undefined;

async function open(): Promise<Page> {
  session = await openSession(browser, baseUrl, allRequests);
  return session.page;
}

async function gotoLogin(page: Page): Promise<void> {
  await page.goto('/');
  // Not logged in: react-admin sends us to its log-in route.
  await page.waitForURL(/#\/login/);
  await page.getByRole('button', { name: '登录' }).waitFor();
}

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: false }).first().fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

async function switchLocale(page: Page, from: string, to: string): Promise<void> {
  await page.getByRole('button', { name: from }).click();
  await page.getByRole('menuitem', { name: to }).click();
}

beforeAll(async () => {
  browser = await launch();
});

afterEach(async () => {
  await session?.context.close();
  session = undefined;
});

afterAll(async () => {
  await browser?.close();
});

describe('the log-in page', () => {
  it('should render in Chinese with the Duban title', async () => {
    const page = await open();
    await gotoLogin(page);

    expect(await page.title()).toBe('督办 Duban');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect.poll(() => page.getByText('宜春市“十四五”生态环境保护规划').first().isVisible()).toBe(true);
    expect(await page.getByLabel('用户名').isVisible()).toBe(true);
    expect(await page.getByLabel('密码', { exact: false }).first().isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '登录' }).isVisible()).toBe(true);

    await screenshot(page, 'login-zh');
    expect(session?.errors ?? []).toEqual([]);
  });

  it('should switch its labels to English through the locale menu', async () => {
    const page = await open();
    await gotoLogin(page);

    await switchLocale(page, '中文', 'English');

    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByLabel('Username').isVisible()).toBe(true);
    expect(await page.getByLabel('Password', { exact: false }).first().isVisible()).toBe(true);
    expect(await page.getByText('用户名').count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, 'login-en');
  });

  it('should say in Chinese that there were too many attempts once the API blocks a user name (429)', async () => {
    // A user name of its own, so the block it earns locks out nobody the other tests log in as.
    const attempt = { username: `throttled-${Date.now()}`, password: 'not-the-password' };
    const post = () =>
      fetch(`${baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(attempt),
      });
    for (let i = 0; i < 5; i++) expect((await post()).status).toBe(401);
    const blocked = await post();
    expect(blocked.status).toBe(429);

    const page = await open();
    await gotoLogin(page);
    await logIn(page, attempt.username, attempt.password);

    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('登录尝试过多，请稍后再试');
    expect(page.url()).toMatch(/#\/login/);
  });
});

describe('logging in against the API', () => {
  it("should show the server's message for a wrong password and stay on the log-in page", async () => {
    const wrong = { username: 'no-such-user-browser', password: 'not-the-password' };
    const direct = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(wrong),
    });
    expect(direct.status).toBe(401);
    const { message } = (await direct.json()) as { message: string };

    const page = await open();
    await gotoLogin(page);
    await logIn(page, wrong.username, wrong.password);

    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect((await alert.innerText()).trim()).toBe(message);
    expect(page.url()).toMatch(/#\/login/);
    await screenshot(page, 'login-error');
  });

  it("should show the server's message in English once the console is switched to English", async () => {
    const wrong = { username: 'no-such-user-browser-en', password: 'not-the-password' };
    const direct = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      body: JSON.stringify(wrong),
    });
    const { message } = (await direct.json()) as { message: string };
    expect(message).toMatch(/^[\x20-\x7e]+$/);

    const page = await open();
    await gotoLogin(page);
    await switchLocale(page, '中文', 'English');
    await page.getByLabel('Username').fill(wrong.username);
    await page.getByLabel('Password', { exact: false }).first().fill(wrong.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect((await alert.innerText()).trim()).toBe(message);
  });

  it('should log the admin in and show the dashboard with the role 管理员', async () => {
    const page = await open();
    await gotoLogin(page);
    await logIn(page, 'admin', adminPassword);

    const dashboard = page.getByTestId('dashboard');
    await dashboard.waitFor();
    await expect.poll(() => page.getByTestId('dashboard-role').innerText()).toContain('管理员');
    expect(await dashboard.innerText()).toContain('欢迎');
    // The subtitle is the published plan's title, from GET /api/site.
    await expect.poll(() => page.getByTestId('app-title').innerText()).toBe('督办 · 宜春市“十四五”生态环境保护规划');
    expect(await page.evaluate(() => localStorage.getItem('duban.token'))).toBeTruthy();

    await screenshot(page, 'dashboard-zh');

    await switchLocale(page, '中文', 'English');
    await expect.poll(() => page.getByTestId('dashboard-role').innerText()).toContain('Administrator');
    expect(await dashboard.innerText()).toContain('Welcome');
    expect(await page.getByTestId('app-title').innerText()).toBe('Duban · 宜春市“十四五”生态环境保护规划');
    await screenshot(page, 'dashboard-en');
    expect(session?.errors ?? []).toEqual([]);
  });

  it('should return to the log-in page when the token is no longer accepted', async () => {
    const page = await open();
    await gotoLogin(page);
    await logIn(page, 'admin', adminPassword);
    await page.getByTestId('dashboard').waitFor();

    // As if the token had expired, or its user had been disabled: the API answers 401 to it.
    await page.evaluate(() => localStorage.setItem('duban.token', 'forged.token.value'));
    await page.reload();

    await page.waitForURL(/#\/login/);
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('duban.token'))).toBeNull();
  });
});

describe('the network', () => {
  it('should never ask anything of a host other than the server the console came from', async () => {
    // A full round of its own, so this holds even when it runs alone.
    const page = await open();
    await gotoLogin(page);
    await logIn(page, 'admin', adminPassword);
    await page.getByTestId('dashboard').waitFor();
    await page.waitForLoadState('networkidle');

    expect(allRequests.length).toBeGreaterThan(0);
    expect(foreignRequests(allRequests, baseUrl)).toEqual([]);
  });
});
