import { stat } from 'node:fs/promises';
import { DashboardPage } from './support/dashboard-page';
import { expect, test } from './support/upload-page';

test.describe('entity pages', () => {
  test('DNSStager: process page → domain page → IANA class of the answers and a download of the payload bytes', async ({ uploadPage: up, page }, testInfo) => {
    const dash = new DashboardPage(page);
    await page.getByRole('button', { name: 'Try sample data' }).click();
    await expect(up.status).toHaveText('13,314 DNS events loaded from 1 of 1 file.');

    await dash.tab('Suspects').click();
    await page.getByRole('table', { name: /Suspects by score/ }).getByRole('row').filter({ hasText: 'dns_stager.exe' }).click();
    const evidence = page.getByRole('region', { name: /Evidence:/ });
    await evidence.getByRole('link', { name: /^Process page: .*dns_stager\.exe$/ }).first().click();

    // the process page
    await expect(dash.tab('Entity')).toHaveAttribute('aria-selected', 'true');
    expect(dash.urlParams().get('view')).toBe('entity');
    expect(dash.urlParams().get('ent')).toMatch(/^p\d+$/);
    await dash.expectUrlHoldsNoLogText(['dns_stager', 'mydnsserver', 'WS017']);
    await expect(page.getByRole('heading', { name: /^Process:/ })).toContainText('dns_stager.exe');
    const hosts = page.getByRole('region', { name: /^Hosts/ });
    await expect(hosts.getByRole('link', { name: /^Host page: / }).first()).toBeVisible();
    const domains = page.getByRole('region', { name: /^Top domains/ });
    const stagerDomain = domains.getByRole('row').filter({ hasText: 'mydnsserver.live' });
    await expect(stagerDomain).toHaveCount(1);
    const queries = Number((await stagerDomain.getByRole('cell').last().innerText()).replace(/\D/g, ''));
    expect(queries).toBeGreaterThanOrEqual(32);
    await dash.attachScreenshot(testInfo, 'entity-process-dns-stager');

    // the domain page
    await stagerDomain.getByRole('link', { name: 'Domain page: mydnsserver.live' }).click();
    expect(dash.urlParams().get('ent')).toMatch(/^d\d+$/);
    await expect(page.getByRole('heading', { name: /^Domain:/ })).toContainText('mydnsserver.live');
    const answers = page.getByRole('table', { name: 'Answers with IANA class' });
    await expect(answers.getByRole('row').filter({ hasText: 'AAAA' }).first()).toBeVisible();
    const classes = await answers.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(classes.some((c) => /reserved|unique-local|unallocated|special-purpose/.test(c))).toBe(true);

    // the payload
    const payload = page.getByRole('region', { name: 'Reassembled payload' });
    await expect(payload).toContainText('x64 shellcode prologue');
    await expect(payload).toContainText('xorKey');
    const button = payload.getByRole('button', { name: /^Download payload \([\d,]+ bytes\)$/ });
    await expect(button).toBeVisible();
    const reported = Number(((await button.innerText()).match(/\(([\d,]+) bytes\)/)?.[1] ?? '').replace(/,/g, ''));
    expect(reported).toBeGreaterThan(256);
    await expect(payload).toContainText(`${reported.toLocaleString('en-US')} bytes`);
    await dash.attachScreenshot(testInfo, 'entity-domain-payload');

    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^[0-9a-f]{16}\.bin$/);
    const file = await download.path();
    expect((await stat(file)).size).toBe(reported);
  });
});
