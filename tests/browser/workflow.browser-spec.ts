/**
 * Four people through the real console (issue 10): the 市林业局 liaison submits a final report with a photo, the
 * forestry leader confirms, an inspector opens the photo and approves, the office accepts it (销号). Then a liaison
 * tries another unit's record, and the office moves the demo date past the deadlines, runs the sweep, sees the
 * unit on the overdue board and prints its 督办单, which the forestry leader answers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { api, listQuery, tokenOf } from './support/api';
import { LAPTOP, PHONE, SCREENSHOTS, launch, logInAs, openLaptopSession, screenshotBoth, type Session } from './support/browser';

const baseUrl = inject('baseUrl');
const adminPassword = inject('adminPassword');
const PHOTO = fileURLToPath(new URL('../fixtures/evidence/forest-photo.jpg', import.meta.url));

type Row = Record<string, unknown> & { id: string };
/** The machine is shared and slow at times: a transition may take seconds. */
const POLL = { timeout: 45_000, interval: 250 };
const STEP = 240_000;

let browser: Browser;
let session: Session | undefined;

async function as(username: string, password?: string): Promise<Page> {
  await session?.context.close();
  session = await openLaptopSession(browser, baseUrl);
  await logInAs(session.page, username, password);
  return session.page;
}

async function go(page: Page, route: string): Promise<void> {
  await page.goto(`/#${route}`);
  await page.waitForLoadState('networkidle');
}

async function reportStatus(page: Page): Promise<string> {
  return (await page.getByTestId('report-status').first().innerText()).trim();
}

/** A figure of the home page's summary (GET /api/dashboard/summary). */
async function figure(page: Page, name: string): Promise<number> {
  const value = page.getByTestId(`summary-${name}`);
  await expect.poll(async () => /^\d+$/.test((await value.innerText()).trim()), POLL).toBe(true);
  return Number((await value.innerText()).trim());
}

/** The forestry assignment the story follows: the first one not started, soonest due. */
let assignment: Row;
let reportId: string;

beforeAll(async () => {
  browser = await launch();
  const office = await tokenOf(baseUrl, 'office');
  const [plan] = await api<Row[]>(baseUrl, office, 'GET', `/plans${listQuery({ status: 'published' }, ['createdAt', 'ASC'])}`);
  // Assignments come from the demo's decomposition; where the plan is not yet decomposed, the office does it now.
  await api(baseUrl, office, 'POST', `/plans/${plan.id}/decompose-all`, {});
  const liaison = await tokenOf(baseUrl, 'forestry-liaison');
  [assignment] = await api<Row[]>(
    baseUrl,
    liaison,
    'GET',
    `/assignments${listQuery({ status: 'not_started', role: 'lead' }, ['deadline', 'ASC'], [0, 0])}`,
  );
  expect(assignment?.orgUnitName).toBe('市林业局');
});

/** Ids whose reads a test expects the API to refuse with 404 (another unit's records); any other failure fails the test. */
const expected404 = new Set<string>();
const CONSOLE_404 = 'Failed to load resource: the server responded with a status of 404 (Not Found)';

afterEach(() => {
  const allowed = (e: string) =>
    (expected404.size > 0 && e === CONSOLE_404) || (e.startsWith('404 GET ') && [...expected404].some((id) => e.endsWith(id)));
  expect((session?.errors ?? []).filter((e) => !allowed(e))).toEqual([]);
  expected404.clear();
});

afterAll(async () => {
  await session?.context.close();
  await browser?.close();
});

describe('a final report from the liaison to 销号', () => {
  it(
    'should let the 市林业局 liaison write a final report, refuse to submit it without evidence, then submit it with a photo',
    async () => {
      const page = await as('forestry-liaison');
      await screenshotBoth(page, 'liaison-home');

      await go(page, '/assignments');
      const row = page.getByRole('row').filter({ hasText: String(assignment.planItemTitle) });
      await row.first().waitFor();
      expect(await page.getByText('市水利局').count()).toBe(0);
      await screenshotBoth(page, 'liaison-assignments');

      await row.first().click();
      await page.getByTestId('assignment-title').waitFor();
      expect(await page.getByTestId('assignment-title').innerText()).toContain(String(assignment.planItemTitle));
      await page.getByTestId('item-body').waitFor();
      await screenshotBoth(page, 'liaison-assignment');

      await page.getByTestId('write-report').click();
      await page.getByLabel('进展情况').fill('完成湿地保护修复 1.2 万亩，建成湿地公园 3 处，全部任务已完成。');
      await page.getByLabel('进度（%）').fill('100');
      await page.getByLabel('申请销号（本任务已全部完成）').check();
      await screenshotBoth(page, 'liaison-report-form');
      await page.getByRole('button', { name: '保存' }).click();

      await page.getByTestId('report-summary').waitFor();
      reportId = page.url().match(/reports\/([0-9a-f-]{36})\/show/)![1];
      expect(await reportStatus(page)).toBe('草稿');
      // A final report (销号 request) cannot be submitted without evidence.
      expect(await page.getByTestId('action-submit').isDisabled()).toBe(true);
      expect(await page.getByText('申请销号的报告须附佐证材料').count()).toBeGreaterThan(0);

      await page.getByTestId('evidence-input').setInputFiles(PHOTO);
      await page.getByTestId('evidence-thumb').first().waitFor();
      await expect.poll(() => page.getByTestId('evidence-item').first().innerText(), POLL).toContain('forest-photo.jpg');
      await expect.poll(() => page.getByTestId('photo-facts').first().innerText(), POLL).toContain('2024年5月28日');
      await screenshotBoth(page, 'liaison-report-draft');

      await page.getByTestId('action-submit').click();
      await expect.poll(() => reportStatus(page), POLL).toBe('已报送');
      await screenshotBoth(page, 'liaison-report-submitted');
      // What the server holds: a submitted final report with the photo.
      const stored = await api<Row>(baseUrl, await tokenOf(baseUrl, 'forestry-liaison'), 'GET', `/reports/${reportId}`);
      expect(stored).toMatchObject({ status: 'submitted', final: true, progress: 100 });
      expect((stored.evidence as Row[]).map((e) => e.filename)).toEqual(['forest-photo.jpg']);
    },
    STEP,
  );

  it(
    'should let the forestry leader confirm it from the to-confirm queue',
    async () => {
      const page = await as('forestry-leader');
      await expect.poll(async () => Number((await page.getByTestId('unread').innerText()).trim() || 0), POLL).toBeGreaterThan(0);
      await screenshotBoth(page, 'leader-home');

      await go(page, '/queues/confirm');
      const row = page.getByRole('row').filter({ hasText: String(assignment.planItemTitle) });
      await row.first().waitFor();
      await screenshotBoth(page, 'leader-confirm-queue');
      await row.first().click();
      await page.getByTestId('action-confirm').waitFor();
      await screenshotBoth(page, 'leader-report');
      await page.getByTestId('action-confirm').click();
      await expect.poll(() => reportStatus(page), POLL).toBe('已确认');
    },
    STEP,
  );

  it(
    'should let an inspector open the photo with its capture facts and approve',
    async () => {
      const page = await as('inspector1');
      await go(page, '/queues/review');
      const row = page.getByRole('row').filter({ hasText: String(assignment.planItemTitle) });
      await row.first().waitFor();
      // One title (it was doubled: 待核查待核查).
      expect((await page.locator('#react-admin-title').innerText()).trim()).toBe('待核查');
      // Waiting is counted to the server's clock (the demo date, 2024-06-03), not the browser's: submitted today.
      expect(await row.first().innerText()).toContain('已等待 0 天');
      await screenshotBoth(page, 'inspector-review-queue');
      await row.first().click();

      await page.getByTestId('evidence-thumb').first().click();
      const viewer = page.getByTestId('evidence-viewer');
      await viewer.getByTestId('evidence-image').waitFor();
      // The photo really loaded through the token (a blob URL), with its EXIF capture time and place.
      await expect
        .poll(() => viewer.getByTestId('evidence-image').evaluate((img: HTMLImageElement) => img.naturalWidth), POLL)
        .toBeGreaterThan(0);
      const facts = await viewer.getByTestId('photo-facts').innerText();
      expect(facts).toContain('拍摄时间：2024年5月28日');
      expect(facts).toContain('拍摄地点：27.81500, 114.39000');
      // Uploaded on the demo date, as the server's clock has it.
      expect(facts).toContain('上传时间：2024年6月3日');
      await screenshotBoth(page, 'inspector-photo');
      await page.keyboard.press('Escape');

      await page.getByTestId('action-approve').click();
      await expect.poll(() => reportStatus(page), POLL).toBe('已核查通过');
      await screenshotBoth(page, 'inspector-report');
    },
    STEP,
  );

  it(
    'should let the office accept it (销号): the assignment is completed and the dashboard counts one more completed',
    async () => {
      const page = await as('office');
      const before = await figure(page, 'completed');
      await screenshotBoth(page, 'office-home');

      await go(page, '/queues/acceptance');
      const row = page.getByRole('row').filter({ hasText: String(assignment.planItemTitle) });
      await row.first().waitFor();
      await screenshotBoth(page, 'office-acceptance-queue');
      await row.first().click();
      await page.getByTestId('action-accept').click();
      await expect.poll(() => reportStatus(page), POLL).toBe('已销号');

      await go(page, `/assignments/${assignment.id}/show`);
      await page.getByTestId('assignment-title').waitFor();
      await expect.poll(() => page.getByText('已销号').count(), POLL).toBeGreaterThan(0);
      await screenshotBoth(page, 'office-assignment-completed');

      await go(page, '/');
      await expect.poll(() => figure(page, 'completed'), POLL).toBe(before + 1);
    },
    STEP,
  );
});

describe("another unit's records", () => {
  it(
    "should show a liaison no data when they type another unit's assignment or report URL",
    async () => {
      const water = await tokenOf(baseUrl, 'water-resources-liaison');
      const [other] = await api<Row[]>(baseUrl, water, 'GET', `/assignments${listQuery({}, ['deadline', 'ASC'], [0, 0])}`);
      const report = await api<Row>(baseUrl, water, 'POST', '/reports', {
        assignmentId: other.id,
        period: other.nextReportPeriod,
        summary: '水利局本期进展（他单位不可见）',
        progress: 10,
      });

      const page = await as('forestry-liaison');
      expected404.add(other.id).add(report.id);
      await go(page, `/assignments/${other.id}/show`);
      await expect.poll(() => page.locator('.RaNotification-error, [role="alert"]').first().isVisible(), POLL).toBe(true);
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('assignment-title').count()).toBe(0);
      expect(await page.getByText('市水利局').count()).toBe(0);
      await screenshotBoth(page, 'liaison-other-unit-assignment');

      await go(page, `/reports/${report.id}/show`);
      await page.waitForLoadState('networkidle');
      expect(await page.getByText('水利局本期进展').count()).toBe(0);
      expect(await page.getByTestId('report-summary').count()).toBe(0);
      // What the console asked for is a 404 for this user (not visible), while the unit itself reads it.
      const liaison = await tokenOf(baseUrl, 'forestry-liaison');
      for (const path of [`/assignments/${other.id}`, `/reports/${report.id}`]) {
        const refused = await fetch(`${baseUrl}/api${path}`, { headers: { Authorization: `Bearer ${liaison}` } });
        expect(refused.status).toBe(404);
        expect((await api<Row>(baseUrl, water, 'GET', path)).id).toBe(path.split('/')[2]);
      }
    },
    STEP,
  );
});

describe('the overdue board and the 督办单', () => {
  let noticeId: string;

  it(
    'should let the admin move the demo date past the deadlines',
    async () => {
      const page = await as('admin', adminPassword);
      await go(page, '/settings');
      await page.getByTestId('clock-date').fill('2026-01-12');
      await page.getByTestId('move-clock').click();
      await expect.poll(() => page.getByTestId('today').innerText(), POLL).toContain('2026年1月12日');
      await screenshotBoth(page, 'admin-settings');
    },
    STEP,
  );

  it(
    'should let the office run the sweep, see 市林业局 on the overdue board and print its 督办单 on one A4 page',
    async () => {
      const page = await as('office');
      await go(page, '/overdue');
      await page.getByTestId('run-sweep').click();
      await page.getByTestId('sweep-result').waitFor({ timeout: 180_000 });
      await page.getByTestId('unit-picker').fill('市林业局');
      await page.getByRole('option', { name: '市林业局', exact: true }).click();
      const forestry = page.getByTestId('overdue-unit').filter({ hasText: '市林业局' });
      await forestry.first().waitFor();
      await screenshotBoth(page, 'office-overdue-board');
      // On a phone the unit's work is stacked cards, nothing wider than the screen.
      await page.setViewportSize(PHONE);
      await forestry.first().getByTestId('overdue-card').first().waitFor();
      expect(await forestry.first().locator('table').count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await page.setViewportSize(LAPTOP);

      await forestry.first().getByTestId('unit-notice').filter({ hasText: '督办' }).first().click();
      await page.getByTestId('notice-sheet').waitFor();
      noticeId = page.url().match(/escalations\/([0-9a-f-]{36})\/show/)![1];
      await expect.poll(() => page.getByTestId('notice-number').innerText(), POLL).toMatch(/宜环委办督〔2026〕\d+号/);
      const sheet = await page.getByTestId('notice-sheet').innerText();
      expect(sheet).toContain('市林业局');
      // What is late in words, never the raw target code; the title bar names the notice by its 文号, not its id.
      expect(sheet).toMatch(/逾期事项\s*(截止日期|里程碑|报告期)/);
      expect(sheet).not.toMatch(/deadline|milestone:|report:/);
      expect(await page.locator('#react-admin-title').innerText()).toMatch(/宜环委办督〔2026〕\d+号/);
      await screenshotBoth(page, 'office-supervision-notice');

      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, path: join(SCREENSHOTS, 'supervision-notice.pdf') });
      await page.emulateMedia({ media: 'screen' });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBe(1);
      expect(readFileSync(join(SCREENSHOTS, 'supervision-notice.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    },
    STEP,
  );

  it(
    'should let the forestry leader answer the 督办单 with a promised date',
    async () => {
      const page = await as('forestry-leader');
      await go(page, '/notifications');
      await page.getByTestId('notice').first().waitFor();
      await screenshotBoth(page, 'leader-inbox');

      await go(page, `/escalations/${noticeId}/show`);
      await page.getByTestId('respond-form').waitFor();
      await page.getByTestId('response').fill('已召开专题会议部署整改，湿地修复工程 1 月 23 日前完工。');
      await page.getByTestId('promised-date').fill('2026-01-23'); // within ladder.promiseMaxDays (20 working days) of the 2025-12-31 deadline
      await page.getByTestId('submit-response').click();
      await expect.poll(() => page.getByTestId('notice-response').innerText(), POLL).toContain('已召开专题会议部署整改');
      expect(await page.getByTestId('respond-form').count()).toBe(0);
      await screenshotBoth(page, 'leader-notice-answered');
    },
    STEP,
  );

  it(
    'should open a real console page for every kind of link in the inboxes',
    async () => {
      const links = new Map<string, string>();
      for (const user of ['forestry-leader', 'forestry-liaison', 'office']) {
        const token = await tokenOf(baseUrl, user);
        const notices = await api<Row[]>(baseUrl, token, 'GET', `/notifications${listQuery({}, ['createdAt', 'DESC'], [0, 199])}`);
        for (const n of notices) {
          if (typeof n.link !== 'string') continue;
          const pattern = n.link.replace(/[0-9a-f-]{36}/g, ':id');
          if (!links.has(`${user} ${pattern}`)) links.set(`${user} ${pattern}`, n.link);
        }
      }
      const patterns = new Set([...links.keys()].map((k) => k.split(' ')[1]));
      expect(patterns).toEqual(new Set(['/reports/:id/show', '/assignments/:id/show', '/escalations/:id/show']));
      for (const [key, link] of links) {
        const page = await as(key.split(' ')[0]);
        await go(page, link);
        await page.locator('.RaShow-main, [data-testid="notice-sheet"]').first().waitFor();
        expect(await page.getByText('找不到').count()).toBe(0);
      }
    },
    STEP,
  );
});

describe("the office's plan import and bulletins, the admin's calendar", () => {
  const SAMPLE = fileURLToPath(new URL('../fixtures/plan-documents/ok/sample-plan.txt', import.meta.url));

  it(
    'should let the office import a plan, re-import it and see what changed, also under the draft plan',
    async () => {
      const page = await as('office');
      await go(page, '/plans');
      await page.getByTestId('plan-file').setInputFiles(SAMPLE);
      await page.getByTestId('import-diff').waitFor({ timeout: 120_000 });
      expect(await page.getByTestId('import-counts').innerText()).toMatch(/新增 [1-9]\d* 项，删除 0 项，修改 0 项/);
      await screenshotBoth(page, 'office-plan-import');

      // The same document with one section renamed: matched by its number, shown as changed with the field.
      const edited = join(tmpdir(), `sample-plan-edited-${process.pid}.txt`);
      writeFileSync(edited, readFileSync(SAMPLE, 'utf8').replace('第一节  “十四五”回顾', '第一节  “十四五”回顾与总结'));
      await page.getByTestId('plan-file').setInputFiles(edited);
      await expect.poll(() => page.getByTestId('import-counts').innerText(), POLL).toMatch(/新增 0 项，删除 0 项，修改 1 项/);
      const changed = await page.getByTestId('import-warning').innerText();
      expect(changed).toContain('“十四五”回顾与总结');
      expect(changed).toContain('改动字段：标题');
      await screenshotBoth(page, 'office-plan-reimport');

      await go(page, '/plans');
      const draft = page.getByTestId('plan-row').filter({ hasText: '草稿' }).first();
      await draft.getByTestId('draft-changes').waitFor();
      await expect.poll(() => draft.getByTestId('draft-changes').innerText(), POLL).toContain('修改');
      await screenshotBoth(page, 'office-plan-draft');
    },
    STEP,
  );

  it(
    "should let the office preview a month's bulletin and publish it, frozen afterwards",
    async () => {
      const page = await as('office');
      await go(page, '/bulletins');
      const row = page
        .getByTestId('bulletin-row')
        .filter({ has: page.getByTestId('bulletin-publish') })
        .first();
      await row.waitFor();
      const month = await row.getAttribute('data-month');
      expect(month).toMatch(/^\d{4}-\d{2}$/);
      await screenshotBoth(page, 'office-bulletins');

      const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: '预览 .docx' }).click()]);
      expect(download.suggestedFilename()).toBe(`通报-${month}.docx`);

      await row.getByTestId('bulletin-publish').click();
      await page.getByTestId('bulletin-publish-confirm').click();
      const published = page.locator(`[data-testid="bulletin-row"][data-month="${month}"]`).first();
      await expect.poll(() => published.getByTestId('bulletin-status').innerText(), POLL).toBe('已发布');
      expect(await published.getByTestId('bulletin-publish').count()).toBe(0);
      await screenshotBoth(page, 'office-bulletin-published');
    },
    STEP,
  );

  it(
    'should let the admin add the next calendar year from the State Council notice',
    async () => {
      const admin = await tokenOf(baseUrl, 'admin', adminPassword);
      const years = await api<{ year: number }[]>(baseUrl, admin, 'GET', '/calendar/years');
      const next = Math.max(...years.map((y) => y.year)) + 1;
      const page = await as('admin', adminPassword);
      await go(page, '/calendar');
      await page.getByTestId('state-council-form').waitFor();
      await page.getByTestId('notice-holidays').fill(`${next}-01-01 元旦\n${next}-10-01~${next}-10-07 国庆节`);
      await page.getByTestId('notice-workdays').fill(`${next}-09-26 国庆节调休`);
      await expect.poll(() => page.getByTestId('notice-preview').innerText(), POLL).toBe('放假 8 天，调休上班 1 天');
      await screenshotBoth(page, 'admin-calendar');
      await page.getByTestId('add-state-council').click();
      await expect
        .poll(
          async () =>
            (await api<{ year: number; source: string }[]>(baseUrl, admin, 'GET', '/calendar/years')).find((y) => y.year === next)?.source,
          POLL,
        )
        .toBe('state-council');
      await expect.poll(() => page.getByText(`${next} · 按国务院通知`).count(), POLL).toBe(1);
      await screenshotBoth(page, 'admin-calendar-added');
    },
    STEP,
  );
});
