/**
 * A yearly indicator value through the real console (issue 11): the 市林业局 liaison enters forest cover for a year
 * with evidence and submits it, the forestry leader confirms, an inspector approves, the office accepts it and sees
 * that year's status of the row change in the indicator table. Screenshots of each new page at laptop and phone size.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, listQuery, tokenOf } from './support/api';
import { launch, logInAs, openLaptopSession, screenshotBoth, type Session } from './support/browser';

const baseUrl = inject('baseUrl');
const PHOTO = fileURLToPath(new URL('../fixtures/evidence/forest-photo.jpg', import.meta.url));

type Row = Record<string, unknown> & { id: string };
const POLL = { timeout: 45_000, interval: 250 };
const STEP = 240_000;

let browser: Browser;
let session: Session | undefined;

async function as(username: string): Promise<Page> {
  await session?.context.close();
  session = await openLaptopSession(browser, baseUrl);
  await logInAs(session.page, username);
  return session.page;
}

async function go(page: Page, route: string): Promise<void> {
  await page.goto(`/#${route}`);
  await page.waitForLoadState('networkidle');
}

const valueStatus = async (page: Page) => (await page.getByTestId('report-status').first().innerText()).trim();

/** The forest cover row (全市), and a year the forestry liaison has not entered yet. */
let forest: Row;
let year: number;
let valueId: string;

async function forestRow(page: Page) {
  return page.locator(`[data-testid="indicator-row"][data-name="${String(forest.name)}"][data-scope="${String(forest.scope)}"]`);
}

beforeAll(async () => {
  browser = await launch();
  const office = await tokenOf(baseUrl, 'office');
  const rows = await api<Row[]>(baseUrl, office, 'GET', `/indicators${listQuery({ q: '森林覆盖率' }, ['position', 'ASC'])}`);
  forest = rows.find((r) => r.scope === '全市') ?? rows[0]!;
  const units = await api<Row[]>(baseUrl, office, 'GET', `/org-units${listQuery({ id: forest.responsibleOrgUnitId }, ['name', 'ASC'])}`);
  expect(units[0]?.name).toBe('市林业局');
  const values = await api<Row[]>(
    baseUrl,
    office,
    'GET',
    `/indicator-values${listQuery({ indicatorId: forest.id }, ['year', 'ASC'], [0, 9])}`,
  );
  const taken = new Set(values.map((v) => Number(v.year)));
  year = [2021, 2022, 2023, 2024, 2025].find((y) => !taken.has(y))!;
  expect(year).toBeDefined();
});

afterEach(() => {
  expect(session?.errors ?? []).toEqual([]);
});

afterAll(async () => {
  await session?.context.close();
  await browser?.close();
});

describe('a yearly indicator value from the liaison to the office', () => {
  it(
    'should show the office the indicator table with no status yet for that year',
    async () => {
      const page = await as('office');
      await go(page, '/indicators');
      const row = await forestRow(page);
      await row.waitFor();
      expect(await page.getByTestId('indicator-row').count()).toBeGreaterThanOrEqual(20);
      expect(await row.getByTestId(`status-${year}`).getAttribute('data-status')).toBe('');
      expect(await row.getByTestId('responsible-unit').innerText()).toBe('市林业局');
      expect(await page.getByText('约束性').count()).toBeGreaterThan(0);
      await screenshotBoth(page, 'office-indicators');
    },
    STEP,
  );

  it(
    'should let the 市林业局 liaison enter the value with a photo and submit it',
    async () => {
      const page = await as('forestry-liaison');
      await go(page, '/indicator-values/create');
      await page.getByLabel('指标').fill('森林覆盖率');
      await page
        .getByRole('option', { name: new RegExp(`森林覆盖率（${String(forest.scope)}）`) })
        .first()
        .click();
      await page.getByLabel('年度').click();
      await page.getByRole('option', { name: String(year), exact: true }).click();
      await page.getByLabel('数值').fill('57.3');
      await page.getByLabel('说明').fill('据年度森林资源监测，全市森林覆盖率 57.3%。');
      await screenshotBoth(page, 'liaison-indicator-value-form');
      await page.getByRole('button', { name: '保存' }).click();

      await page.getByTestId('value-indicator').waitFor();
      valueId = page.url().match(/indicator-values\/([0-9a-f-]{36})\/show/)![1];
      expect(await valueStatus(page)).toBe('草稿');
      await page.getByTestId('evidence-input').setInputFiles(PHOTO);
      await expect.poll(() => page.getByTestId('evidence-item').first().innerText(), POLL).toContain('forest-photo.jpg');
      await screenshotBoth(page, 'liaison-indicator-value');
      await page.getByTestId('action-submit').click();
      await expect.poll(() => valueStatus(page), POLL).toBe('已报送');

      const stored = await api<Row>(baseUrl, await tokenOf(baseUrl, 'forestry-liaison'), 'GET', `/indicator-values/${valueId}`);
      expect(stored).toMatchObject({ status: 'submitted', year, value: 57.3, indicatorId: forest.id });
      expect((stored.evidence as Row[]).map((e) => e.filename)).toEqual(['forest-photo.jpg']);
    },
    STEP,
  );

  it(
    'should let the forestry leader confirm it',
    async () => {
      const page = await as('forestry-leader');
      await go(page, '/indicator-values');
      await page
        .getByRole('row')
        .filter({ hasText: '森林覆盖率' })
        .filter({ hasText: String(year) })
        .first()
        .click();
      await page.getByTestId('action-confirm').waitFor();
      await screenshotBoth(page, 'leader-indicator-value');
      await page.getByTestId('action-confirm').click();
      await expect.poll(() => valueStatus(page), POLL).toBe('已确认');
    },
    STEP,
  );

  it(
    'should let an inspector approve it',
    async () => {
      const page = await as('inspector1');
      await go(page, `/indicator-values/${valueId}/show`);
      await page.getByTestId('action-approve').click();
      await expect.poll(() => valueStatus(page), POLL).toBe('已核查通过');
    },
    STEP,
  );

  it(
    'should let the office accept it and see the row met for that year',
    async () => {
      const page = await as('office');
      await go(page, `/indicator-values/${valueId}/show`);
      await page.getByTestId('action-accept').click();
      await expect.poll(() => valueStatus(page), POLL).toBe('已销号');
      await screenshotBoth(page, 'office-indicator-value');

      await go(page, '/indicators');
      const row = await forestRow(page);
      await row.waitFor();
      await expect.poll(() => row.getByTestId(`status-${year}`).getAttribute('data-status'), POLL).toBe('met');
      await screenshotBoth(page, 'office-indicators-after');
    },
    STEP,
  );

  it(
    "should show the office the mid-term evaluation in two rankings, and a unit's points lost",
    async () => {
      const page = await as('office');
      await go(page, '/evaluations');
      await page.getByTestId('preset-mid_term').click();
      await page.getByTestId('evaluation-row').first().waitFor();
      expect(await page.getByText('部门排名').count()).toBe(1);
      expect(await page.getByText('县（市、区）及功能区排名').count()).toBe(1);
      expect(await page.getByTestId('evaluation-status').innerText()).toContain('草稿');
      await screenshotBoth(page, 'office-evaluation');
      await page.getByTestId('evaluation-row').filter({ hasText: '市林业局' }).first().click();
      const drill = page.getByTestId('evaluation-drilldown');
      await drill.waitFor();
      expect(await drill.innerText()).toContain('失分');
      await screenshotBoth(page, 'office-evaluation-drilldown');
    },
    STEP,
  );
});
