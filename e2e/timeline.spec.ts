import { DashboardPage } from './support/dashboard-page';
import { expect, test } from './support/upload-page';

const STAGER = 'C:\\Users\\yusuf.kowalski\\Desktop\\dns_stager.exe';

test.describe('per-process timeline', () => {
  test('DNSStager: "Show in timeline" draws the staging burst; a point opens its event; the picker works by keyboard', async ({ uploadPage: up, page }, testInfo) => {
    const dash = new DashboardPage(page);
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await expect(up.status).toHaveText('13,314 DNS events loaded from 1 of 1 file.');

    // from the suspect's evidence panel
    await dash.tab('Suspects').click();
    const stager = page.getByRole('table', { name: /Suspects by score/ }).getByRole('row').filter({ hasText: 'dns_stager.exe' });
    await stager.click();
    await page.getByRole('region', { name: /Evidence:/ }).getByRole('link', { name: /^Show in timeline/ }).first().click();
    await expect(dash.tab('Timeline')).toHaveAttribute('aria-selected', 'true');
    expect(dash.urlParams().get('view')).toBe('timeline');
    expect(dash.urlParams().get('ent')).toMatch(/^p\d+$/);
    await dash.expectUrlHoldsNoLogText(['dns_stager', 'mydnsserver', 'WS017']);
    await expect(page.getByRole('heading', { name: /^Timeline:/ })).toContainText('dns_stager.exe');
    await expect(page.getByLabel('Process or host')).toHaveValue(/^p\d+$/);

    // the staging burst: ≥ 32 anomalous mydnsserver.live points within about a minute
    const table = page.getByRole('table', { name: 'Timeline points' });
    const burst = table.locator('tbody tr[data-validity="anomalous"]').filter({ hasText: 'mydnsserver.live' });
    await expect.poll(() => burst.count()).toBeGreaterThanOrEqual(32);
    const times = (await burst.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-time'))))).sort((a, b) => a - b);
    const first = times[0] ?? 0;
    const within = times.filter((t) => t - first <= 75_000);
    expect(within.length).toBeGreaterThanOrEqual(32);
    const chart = page.getByRole('figure', { name: 'Queries over time by domain' });
    await expect(chart.locator('.recharts-scatter path').first()).toBeVisible();
    await dash.attachScreenshot(testInfo, 'timeline-dns-stager');

    // a chart point opens its event
    await chart.locator('.recharts-scatter g[data-row] path').first().click();
    const event = page.getByRole('region', { name: 'Timeline event' });
    await expect(event).toContainText(/cloud-srv-\d+\.test\.mydnsserver\.live/);
    await page.getByRole('button', { name: 'Close event' }).click();
    await expect(event).toBeHidden();

    // Enter on a point in the table opens it too
    const last = burst.last().getByRole('button');
    await last.focus();
    await page.keyboard.press('Enter');
    await expect(event).toContainText(/cloud-srv-\d+\.test\.mydnsserver\.live/);
    await expect(event).toContainText(STAGER);
    await dash.attachScreenshot(testInfo, 'timeline-event', event);

    // zoom by keys on the chart, then reset
    const plot = page.getByRole('application', { name: /Timeline chart/ });
    await plot.focus();
    await page.keyboard.press('+');
    await page.keyboard.press('0');

    // the picker: search narrows the select; hosts are there too
    await page.getByLabel('Search processes and hosts').fill('WS017');
    const select = page.getByLabel('Process or host');
    await select.selectOption({ label: 'WS017.corp.northwind.local' });
    expect(dash.urlParams().get('ent')).toMatch(/^h\d+$/);
    await expect(page.getByRole('heading', { name: /^Timeline:/ })).toContainText('WS017.corp.northwind.local');
    await expect.poll(() => burst.count()).toBeGreaterThanOrEqual(32);
  });
});
