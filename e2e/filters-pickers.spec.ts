import { expect, type Locator, type Page } from '@playwright/test';
import { DashboardPage } from './support/dashboard-page';
import { test } from './support/upload-page';

const STAGER = 'C:\\Users\\yusuf.kowalski\\Desktop\\dns_stager.exe';
const CHROME = 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe';
/** The demo's DGA implant: hundreds of NXDOMAIN lookups of generated names. */
const DGA = 'C:\\Users\\grace.garcia\\AppData\\Roaming\\Microsoft\\Windows\\Templates\\svchost.exe';
/** Log text of the demo that must never reach the URL. */
const DEMO_STRINGS = ['dns_stager', 'mydnsserver', 'WS017', 'chrome', 'grace.garcia', 'NXDOMAIN', 'AAAA'];

const count = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** The number in the timeline's "N queries, M domains, K findings" line. */
async function timelineQueries(page: Page): Promise<number> {
  const line = page.getByRole('status').filter({ hasText: /\bquer(y|ies), [\d,]+ domains?/ });
  return count((await line.textContent())?.split(' ')[0] ?? '');
}

async function loadDemo(page: Page, status: Locator): Promise<void> {
  await page.getByRole('button', { name: 'Try sample data' }).click();
  await expect(status).toHaveText('13,314 DNS events loaded from 1 of 1 file.');
}

test.describe('status and record-type filters, entity picker, timeline domain axis', () => {
  // long flows over the 13,314-row demo on a shared 2-core machine
  test.setTimeout(120_000);

  test('NXDOMAIN (and TIMEOUT) narrow the overview, pivot and timeline; chips remove them; the URL holds numbers', async ({ uploadPage: up, page }, testInfo) => {
    const dash = new DashboardPage(page);
    await loadDemo(page, up.status);
    await expect(dash.statValue('events')).toHaveText('13,314');
    await expect(dash.stat('NXDOMAIN share')).toContainText('2,427 of 13,314 events');
    // group the pivot so one page holds every group: its counts then add up to the events in view
    for (const dim of ['Query name', 'Answers', 'User']) await dash.pivot.getByRole('checkbox', { name: dim }).uncheck();
    await dash.pivot.getByLabel('Groups per page').selectOption('500');
    await expect.poll(() => dash.pivotSum()).toBe(13_314);

    // the Status filter in the filter bar, by keyboard: focus its summary, open it, tick NXDOMAIN
    const filters = page.getByRole('region', { name: 'View filters' });
    await filters.locator('summary', { hasText: /^Status/ }).focus();
    await page.keyboard.press('Enter');
    const nxdomain = filters.getByRole('checkbox', { name: /^NXDOMAIN/ });
    await nxdomain.focus();
    await page.keyboard.press('Space');
    await expect(nxdomain).toBeChecked();
    await expect(dash.statValue('events')).toHaveText('2,427');
    await expect(dash.statValue('nxdomain')).toHaveText('100.0 %');
    await expect.poll(() => dash.pivotSum()).toBe(2427);
    const chips = page.getByRole('list', { name: 'Active filters' });
    await expect(chips).toContainText('Status: NXDOMAIN');
    expect(dash.urlParams().get('st')).toBe('1');
    await dash.expectUrlHoldsNoLogText(DEMO_STRINGS);

    // several statuses at once
    await filters.getByRole('checkbox', { name: /^TIMEOUT/ }).check();
    await expect(dash.statValue('events')).toHaveText('2,566');
    await expect(dash.stat('NXDOMAIN share')).toContainText('2,427 of 2,566 events');
    expect(dash.urlParams().get('st')).toBe('1,5');
    await expect(chips.getByRole('listitem')).toHaveCount(3); // two chips and "Remove all"
    await dash.attachScreenshot(testInfo, 'filters-status');

    // the timeline honours them: the DGA implant's queries, NXDOMAIN/TIMEOUT only, then all
    await dash.tab('Timeline').click();
    await page.getByLabel('Search processes and hosts').fill('Templates');
    await page.getByLabel('Process or host').selectOption({ label: DGA });
    await expect(page.getByRole('heading', { name: /^Timeline:/ })).toContainText('Templates\\svchost.exe');
    await expect.poll(() => timelineQueries(page)).toBeGreaterThan(0);
    const narrowed = await timelineQueries(page);
    await page.getByRole('button', { name: 'Remove the status filter TIMEOUT' }).click();
    await page.getByRole('button', { name: 'Remove the status filter NXDOMAIN' }).click();
    await expect(chips).toBeHidden();
    expect(dash.urlParams().has('st')).toBe(false);
    await expect.poll(() => timelineQueries(page)).toBeGreaterThan(narrowed);

    // a record type by a click on the chart legend (stacked by record type): AAAA only
    await dash.tab('Overview').click();
    await page.getByRole('group', { name: 'Stack by' }).getByText('Record type').click();
    await dash.chart.locator('.volume-legend-item').filter({ hasText: /^AAAA$/ }).click();
    await expect(chips).toContainText('Record type: AAAA');
    expect(dash.urlParams().get('qt')).toBe('28');
    await filters.locator('summary', { hasText: /^Record type \(1\)$/ }).click();
    const aaaa = filters.getByRole('checkbox', { name: /^AAAA/ });
    await expect(aaaa).toBeChecked();
    const aaaaCount = count(await filters.locator('label', { has: page.getByRole('checkbox', { name: /^AAAA/ }) }).locator('.muted').textContent());
    expect(aaaaCount).toBeGreaterThan(0);
    await expect(dash.statValue('events')).toHaveText(aaaaCount.toLocaleString('en-US'));
    await expect.poll(() => dash.pivotSum()).toBe(aaaaCount);
    await dash.expectUrlHoldsNoLogText(DEMO_STRINGS);

    // a link restores the filter
    await page.reload();
    await loadDemo(page, up.status);
    await expect(dash.statValue('events')).toHaveText(aaaaCount.toLocaleString('en-US'));
    await expect(chips).toContainText('Record type: AAAA');
  });

  test('the Entity tab offers a picker: search, choose a process, then a domain', async ({ uploadPage: up, page }, testInfo) => {
    const dash = new DashboardPage(page);
    await loadDemo(page, up.status);
    await dash.tab('Entity').click();
    await expect(page.getByText('Choose an entity', { exact: true })).toBeVisible();
    const picker = page.getByRole('group', { name: 'Entity' });
    const select = picker.getByLabel('Process, domain or host');
    await expect(select.locator('optgroup')).toHaveCount(3);

    // the search narrows the choices (done in the worker) and says how many match
    await picker.getByLabel('Search processes, domains and hosts').fill('dns_stager');
    await expect(picker.getByRole('status')).toHaveText('1 matching');
    await select.selectOption({ label: STAGER });
    await expect(page.getByRole('heading', { name: /^Process:/ })).toContainText('dns_stager.exe');
    expect(dash.urlParams().get('ent')).toMatch(/^p\d+$/);
    await expect(select).toHaveValue(dash.urlParams().get('ent') ?? '');
    await dash.expectUrlHoldsNoLogText(DEMO_STRINGS);
    await dash.attachScreenshot(testInfo, 'entity-picker');

    // a domain, by keyboard: type in the search, Tab to the select, arrow to the first match
    await picker.getByLabel('Search processes, domains and hosts').fill('mydnsserver');
    await expect(picker.getByRole('status')).toHaveText('1 matching');
    await page.keyboard.press('Tab');
    await expect(select).toBeFocused();
    await select.selectOption({ label: 'mydnsserver.live' });
    await expect(page.getByRole('heading', { name: /^Domain:/ })).toContainText('mydnsserver.live');
    expect(dash.urlParams().get('ent')).toMatch(/^d\d+$/);
    // Back returns to the process page
    await page.goBack();
    await expect(page.getByRole('heading', { name: /^Process:/ })).toContainText('dns_stager.exe');
  });

  test('the timeline pages its domain axis, filters it by search, and counts what is off-screen', async ({ uploadPage: up, page }, testInfo) => {
    const dash = new DashboardPage(page);
    await loadDemo(page, up.status);
    await dash.tab('Timeline').click();
    await page.getByLabel('Search processes and hosts').fill('Google\\Chrome');
    await page.getByLabel('Process or host').selectOption({ label: CHROME });
    await expect(page.getByRole('heading', { name: /^Timeline:/ })).toContainText('chrome.exe');

    const axis = page.getByRole('group', { name: 'Domain axis' });
    const status = axis.getByRole('status');
    await expect(status).toHaveText(/^Domains 1–20 of ([\d,]+); ([\d,]+) off-screen\.$/);
    const [, total, off] = /of ([\d,]+); ([\d,]+) off-screen/.exec((await status.textContent()) ?? '') ?? [];
    expect(count(total ?? '')).toBeGreaterThan(40);
    expect(count(off ?? '')).toBe(count(total ?? '') - 20);
    const chart = page.getByRole('figure', { name: 'Queries over time by domain' });
    const ticks = chart.locator('.timeline-y-tick');
    await expect(ticks).toHaveCount(20);
    const firstPage = await ticks.allTextContents();

    // next page by the button, back by Page Up on the chart
    await axis.getByRole('button', { name: /Next domains/ }).click();
    await expect(status).toHaveText(new RegExp(`^Domains 21–40 of ${total}`));
    expect(await ticks.allTextContents()).not.toEqual(firstPage);
    await page.getByRole('application', { name: /Timeline chart/ }).focus();
    await page.keyboard.press('PageUp');
    await expect(status).toHaveText(new RegExp(`^Domains 1–20 of ${total}`));
    // time zoom still works on the chart
    const windowText = chart.getByRole('group', { name: 'Zoom and pan' }).locator('.muted');
    const before = await windowText.textContent();
    await page.keyboard.press('+');
    await expect(windowText).not.toHaveText(before ?? '');

    // more per page, and a search over the axis
    await axis.getByLabel('Domains per page').selectOption('40');
    await expect(ticks).toHaveCount(40);
    await axis.getByLabel('Filter domains').fill('google');
    // the search hides the domains with findings: the status says so
    await expect(status).toHaveText(/^Domains 1–(\d+) of \1 matching; [\d,]+ off-screen, [\d,]+ of them with finding evidence\.$/);
    const labels = await ticks.allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).toContain('google');
    await dash.attachScreenshot(testInfo, 'timeline-domain-axis');

    // a process whose finding evidence spans more domains than fit: the off-screen ones are counted
    await axis.getByLabel('Filter domains').fill('');
    await page.getByLabel('Search processes and hosts').fill('Templates');
    await page.getByLabel('Process or host').selectOption({ label: DGA });
    await expect(page.getByRole('heading', { name: /^Timeline:/ })).toContainText('Templates\\svchost.exe');
    await expect(status).toHaveText(/off-screen, [\d,]+ of them with finding evidence\.$/);
    // evidence domains come first: every domain on the first page is drawn with evidence rings
    await expect(chart.locator('.timeline-marks g[data-row] circle[r="9"]').first()).toBeVisible();
  });
});
