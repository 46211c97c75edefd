import { writeFile } from 'node:fs/promises';
import { DashboardPage } from './support/dashboard-page';
import { HOSTILE_QNAME, tunnelLog } from './support/tunnel-fixture';
import { expect, sample, test } from './support/upload-page';

const SYSMON_JSONL = 'OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl';
/** Log text of the sample that must never reach the URL. */
const SAMPLE_STRINGS = ['wermgr', 'pandalab', 'MKT01', 'microsoft.com', 'NT AUTHORITY'];
const WERMGR = 'C:\\Windows\\system32\\wermgr.exe';

test.describe('hunting dashboard', () => {
  test('overview of the Sysmon sample: volume, NXDOMAIN share, top lists, pivot, brush, range, deep link', async ({ uploadPage: up, page }, testInfo) => {
    const file = sample(SYSMON_JSONL);
    const dash = new DashboardPage(page);
    await up.fileInput.setInputFiles(file);

    // overview: 2,038 events, a chart with bars, NXDOMAIN 51 of 2,038
    await expect(dash.tab('Overview')).toHaveAttribute('aria-selected', 'true');
    await expect(dash.statValue('events')).toHaveText('2,038');
    await expect(dash.chart.locator('.volume-bars path').first()).toBeVisible();
    // the chart reads a bar's counts by keyboard: End picks the last bar, announced and in the tooltip
    await dash.chart.getByRole('application', { name: /^DNS queries per bar, stacked by status$/ }).focus();
    await page.keyboard.press('End');
    await expect(dash.chart.locator('[aria-live="polite"]')).toHaveText(/^\d{4}-\d\d-\d\d: [A-Z_]+ [\d,]+/);
    const lastBar = ((await dash.chart.locator('[aria-live="polite"]').textContent()) ?? '').split(': ')[0] ?? '';
    await expect(dash.chart.locator('.volume-tooltip-label')).toHaveText(lastBar);
    await page.keyboard.press('Escape');
    await expect(dash.chart.locator('.volume-tooltip')).toBeHidden();
    await expect(dash.statValue('nxdomain')).toHaveText('2.5 %');
    await expect(dash.stat('NXDOMAIN share')).toContainText('51 of 2,038 events');
    await expect(dash.statValue('suspects')).toHaveText(/^\d[\d,]*$/);

    // top lists hold real values of the sample, with counts
    const wermgr = dash.topList('Top processes').getByRole('button', { name: `Filter by process ${WERMGR} (889 events)` });
    await expect(wermgr).toBeVisible();
    await expect(dash.topList('Top hosts').getByRole('button', { name: /^Filter by host MKT01\.pandalab\.com \(1,205 events\)$/ })).toBeVisible();

    await dash.attachScreenshot(testInfo, 'overview');

    // pivot regrouped by host + process: counts sum to every event
    for (const dim of ['Query name', 'Answers', 'User']) await dash.pivot.getByRole('checkbox', { name: dim }).uncheck();
    await dash.pivot.getByLabel('Groups per page').selectOption('500');
    await expect(dash.pivot.getByRole('columnheader')).toHaveText(['Host', 'Process', 'Events']);
    await expect(dash.pivot.locator('tbody tr').first()).toContainText('MKT01.pandalab.com');
    await expect.poll(() => dash.pivotSum()).toBe(2038);
    await dash.attachScreenshot(testInfo, 'pivot-host-process', dash.pivot);

    // a top-list entry narrows every view; the URL names it by number only
    await wermgr.click();
    await expect(dash.statValue('events')).toHaveText('889');
    await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`Process: ${WERMGR}`);
    await expect.poll(() => dash.pivotSum()).toBe(889);
    expect(dash.urlParams().get('proc')).toMatch(/^\d+$/);
    await dash.expectUrlHoldsNoLogText(SAMPLE_STRINGS);
    await page.getByRole('button', { name: 'Remove the process filter' }).click();
    await expect(dash.statValue('events')).toHaveText('2,038');

    // the brush (keyboard on its left handle) narrows the range of every view
    const handle = dash.chart.getByRole('slider').first();
    await handle.focus();
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number((await dash.statValue('events').textContent())?.replace(/,/g, ''))).toBeLessThan(2038);
    expect(Number(dash.urlParams().get('from'))).toBeGreaterThan(Date.parse('2019-12-05T00:00:00Z'));
    const narrowed = await dash.statValue('events').textContent();
    await expect.poll(async () => String(await dash.pivotSum())).toBe(narrowed?.replace(/,/g, ''));

    // dragging the right handle to the left narrows it further
    const end = dash.chart.getByRole('slider', { name: 'Range end' });
    const endBox = await end.boundingBox();
    if (!endBox) throw new Error('no range end handle');
    await page.mouse.move(endBox.x + endBox.width / 2, endBox.y + endBox.height / 2);
    await page.mouse.down();
    await page.mouse.move(endBox.x - 300, endBox.y + endBox.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Number((await dash.statValue('events').textContent())?.replace(/,/g, ''))).toBeLessThan(Number(narrowed?.replace(/,/g, '')));
    expect(Number(dash.urlParams().get('to'))).toBeLessThan(Date.parse('2023-08-01T00:00:00Z'));

    // the same through the typed range: 2020-06-01 .. 2020-12-31 (whole day) holds 460 events, 10 NXDOMAIN
    await dash.from.fill('2020-06-01');
    await dash.to.fill('2020-12-31');
    await page.getByRole('button', { name: 'Apply range' }).click();
    await expect(dash.statValue('events')).toHaveText('460');
    await expect(dash.stat('NXDOMAIN share')).toContainText('10 of 460 events');
    await expect(dash.to).toHaveValue('2020-12-31 23:59:59.999');

    // deep link: the Suspects view and the range survive a reload once the file is dropped again
    await dash.tab('Suspects').click();
    await expect(dash.tab('Suspects')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText(/No suspects|suspects, by score/).first()).toBeVisible();
    await dash.attachScreenshot(testInfo, 'suspects-sysmon');
    await dash.expectUrlHoldsNoLogText(SAMPLE_STRINGS);
    const url = page.url();
    expect(dash.urlParams().get('view')).toBe('suspects');

    await page.goto(url);
    await expect(page.getByText('This link holds a view of a hunt.')).toBeVisible();
    await up.fileInput.setInputFiles(file);
    await expect(dash.tab('Suspects')).toHaveAttribute('aria-selected', 'true');
    await expect(dash.from).toHaveValue('2020-06-01 00:00:00');
    await expect(page.getByText(/No suspects|suspects, by score/).first()).toBeVisible();
    expect(page.url()).toBe(url);

    // Back from a view switch returns to the previous view
    await dash.tab('Overview').click();
    await expect(dash.statValue('events')).toHaveText('460');
    await page.goBack();
    await expect(dash.tab('Suspects')).toHaveAttribute('aria-selected', 'true');
  });

  test('suspects of a generated tunnel log open their evidence in a virtualised table, raw values as text', async ({ uploadPage: up, page }, testInfo) => {
    const name = 'tunnel-dns.log';
    const file = testInfo.outputPath(name);
    await writeFile(file, tunnelLog({ benign: 200, burst: 400 }));
    page.on('dialog', (d) => {
      throw new Error(`log text ran as code: ${d.message()}`);
    });
    const dash = new DashboardPage(page);

    await up.fileInput.setInputFiles(file);
    await expect(dash.statValue('events')).toHaveText('600');

    // hostile log text is text: the tunnel's first name is markup, shown verbatim in the pivot
    await dash.topList('Top domains').getByRole('button', { name: /^Filter by domain tunnel-c2\.net / }).click();
    const cell = dash.pivot.locator('tbody tr').first().locator('td').first();
    await expect(cell).toHaveText(HOSTILE_QNAME);
    await expect(cell.locator('span')).toHaveAttribute('title', HOSTILE_QNAME);
    await expect(page.locator('main img')).toHaveCount(0);
    await page.getByRole('button', { name: 'Remove the domain filter' }).click();

    await dash.tab('Suspects').click();
    await expect(page.getByText(/No suspects|suspects, by score/).first()).toBeVisible();
    if ((await dash.suspectRows.count()) === 0) {
      // no registered detector reports this tunnel (yet): the view says so
      await expect(page.getByText('No suspects', { exact: true })).toBeVisible();
      return;
    }

    // the keyboard opens the top suspect: focus its row, Enter
    await dash.suspectRows.first().focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: /^Evidence:/ })).toBeVisible();
    await expect(dash.evidence).toBeVisible();
    await expect(dash.evidence).not.toHaveAttribute('aria-rowcount', '1');
    const total = Number(await dash.evidence.getAttribute('aria-rowcount')) - 1;
    expect(total).toBeGreaterThan(0);
    const rendered = dash.evidence.getByRole('row');
    await expect(rendered.nth(1)).not.toContainText('Loading…');
    if (total > 50) expect(await rendered.count()).toBeLessThan(total / 2);
    expect(dash.urlParams().get('suspect')).toMatch(/^[0-9a-f]+$/);
    await dash.attachScreenshot(testInfo, 'evidence');

    // End jumps to the last row: fetched from the worker on demand
    await rendered.nth(1).focus();
    await page.keyboard.press('End');
    const last = dash.evidence.locator(`[aria-rowindex="${total + 1}"]`);
    await expect(last).toBeFocused();
    await expect(last).toContainText(`${name}:`);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: new RegExp(`^Event at ${name}:\\d+$`) })).toBeVisible();

    // and in the evidence, when the finding shown rests on that row
    await dash.evidence.getByRole('row').nth(1).focus();
    await page.keyboard.press('Home');
    const hostile = dash.evidence.getByText(HOSTILE_QNAME, { exact: true });
    if ((await hostile.count()) > 0) {
      await expect(hostile.first()).toHaveAttribute('title', HOSTILE_QNAME);
      await expect(dash.evidence.locator('img')).toHaveCount(0);
    }

    // deep link to the selection: reload, drop the file again, the evidence reopens
    const url = page.url();
    await page.goto(url);
    await up.fileInput.setInputFiles(file);
    await expect(page.getByRole('region', { name: /^Evidence:/ })).toBeVisible();
    await expect(dash.evidence).toHaveAttribute('aria-rowcount', String(total + 1));
  });

  test('the theme follows the system, and the switch keeps the choice across a reload', async ({ uploadPage: up, page }, testInfo) => {
    const file = testInfo.outputPath('small-tunnel.log');
    await writeFile(file, tunnelLog({ benign: 60, burst: 120 }));
    const theme = page.getByRole('switch', { name: 'Dark theme' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(theme).toHaveAttribute('aria-checked', 'true');
    await up.fileInput.setInputFiles(file);
    const dash = new DashboardPage(page);
    await expect(dash.statValue('events')).toHaveText('180');
    await expect(dash.chart.locator('.volume-bars path').first()).toBeVisible();
    await dash.attachScreenshot(testInfo, 'overview-dark');

    await theme.click();
    await expect(theme).toHaveAttribute('aria-checked', 'false');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByRole('switch', { name: 'Dark theme' })).toHaveAttribute('aria-checked', 'false');
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(247, 247, 248)');
  });
});
