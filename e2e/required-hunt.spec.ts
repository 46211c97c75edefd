/**
 * Issue 4, as required: in Debian's Chromium, a real Sysmon sample and a generated DNSStager hunt
 * go in through the file input; the DNSStager suspect is listed with its process, its timeline
 * shows the staging burst, its evidence rows and reassembled payload open; a keyboard-only path
 * leads from upload to evidence; every view is attached to the report as a screenshot.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { DashboardPage } from './support/dashboard-page';
import { writeDnsStagerHunt } from './support/dnsstager-hunt';
import { field, parseHashes, readSysmonJsonl } from './support/sysmon-records';
import { expect, sample, test, type UploadPage } from './support/upload-page';

const SYSMON_JSONL = 'OTRF-Security-Datasets__ALL_sysmon_eid22__derived.jsonl';
const SYSMON_EVENTS = 2038;
const LOG4SHELL = 'OTRF-Security-Datasets__sysmon_log4shell_cve2021_44228_java_serialized_object_2022-05-13045800.json';
const MAVINJECT = 'OTRF-Security-Datasets__psh_mavinject_dll_notepad_2020-10-2121410529.json';
const HUNT_NAME = 'dnsstager-hunt.csv';

const count = (n: number) => n.toLocaleString('en-US');
const baseName = (image: string) => image.split('\\').pop() ?? image;
const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

/** The `<dd>` after the `<dt>` named `label` inside `scope`. */
function fact(scope: Locator, label: string): Locator {
  return scope.locator('dt').filter({ hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');
}

function suspectsTable(page: Page): Locator {
  return page.getByRole('table', { name: /Suspects by score/ });
}

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { max = 40, back = false }: { max?: number; back?: boolean } = {}): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return i;
  }
  throw new Error(`${back ? 'Shift+Tab' : 'Tab'} did not reach ${String(target)} in ${max} presses`);
}

/** Presses `key` until `target` has focus; fails after `max` presses. */
async function pressUntilFocused(page: Page, key: string, target: Locator, max = 30): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

/** Focus is on `target`, matches :focus-visible and draws an outline a sighted keyboard user sees. */
async function expectVisibleFocus(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
  const ring = await target.evaluate((el) => {
    // a visually hidden file input shows its focus on the label after it
    const shown = el instanceof HTMLInputElement && el.type === 'file' ? el.nextElementSibling : el;
    const style = shown ? getComputedStyle(shown) : null;
    return { focusVisible: el.matches(':focus-visible'), outline: style?.outlineStyle ?? 'none', width: style?.outlineWidth ?? '0px' };
  });
  expect(ring.focusVisible, 'focus is :focus-visible').toBe(true);
  expect(ring.outline, 'focus draws an outline').not.toBe('none');
  expect(parseFloat(ring.width)).toBeGreaterThan(0);
}

async function expectBothCards(up: UploadPage, huntRows: number): Promise<void> {
  await expect(up.fact(HUNT_NAME, 'Format')).toHaveText('Sysmon DNS (Splunk CSV)');
  await expect(up.fact(HUNT_NAME, 'DNS events')).toHaveText(count(huntRows));
  await expect(up.fact(HUNT_NAME, 'Skipped rows')).toHaveText('0');
  await expect(up.fact(SYSMON_JSONL, 'Format')).toContainText('Sysmon DNS (JSON');
  await expect(up.fact(SYSMON_JSONL, 'DNS events')).toHaveText(count(SYSMON_EVENTS));
  await expect(up.status).toHaveText(`${count(huntRows + SYSMON_EVENTS)} DNS events loaded from 2 of 2 files.`);
}

test.describe('issue 4: a real Sysmon sample and a generated DNSStager hunt through the file input', () => {
  test('the DNSStager suspect: process, severity, evidence rows, staging burst on its timeline, reassembled payload; a screenshot of each view', async ({ uploadPage: up, page }, testInfo) => {
    test.setTimeout(120_000);
    const real = sample(SYSMON_JSONL);
    const hunt = await writeDnsStagerHunt(testInfo.outputPath(HUNT_NAME));
    const { stager, details } = hunt;
    const image = stager.process;
    const exe = baseName(image);
    const dash = new DashboardPage(page);
    /** the selected view's panel, for the screenshots */
    const view = page.getByRole('tabpanel');

    // upload: both files at once through the real <input type=file>
    await up.fileInput.setInputFiles([hunt.file, real]);
    await expectBothCards(up, hunt.manifest.rows);
    await expect(up.fact(HUNT_NAME, 'SHA-256')).toHaveText(await sha256(hunt.file));
    await expect(up.fact(SYSMON_JSONL, 'SHA-256')).toHaveText(await sha256(real));
    const card = up.card(HUNT_NAME);
    await card.getByText(/^Detector coverage: \d+ of \d+ detectors can run$/).click();
    const coverage = card.getByRole('list', { name: 'Detector coverage' });
    await expect(coverage.getByRole('listitem').filter({ hasText: 'sequential-label-staging' })).toContainText('can run');
    await expect(coverage.getByRole('listitem').filter({ hasText: 'payload-reassembly' })).toContainText('can run');
    await dash.attachScreenshot(testInfo, '1-upload-coverage', page.getByRole('region', { name: 'Log files', exact: true }));

    // overview of both files together
    await expect(dash.tab('Overview')).toHaveAttribute('aria-selected', 'true');
    await expect(dash.statValue('events')).toHaveText(count(hunt.manifest.rows + SYSMON_EVENTS));
    await expect(dash.chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
    await expect(dash.statValue('suspects')).not.toHaveText('0');
    await expect(dash.topList('Top hosts').getByRole('button', { name: /^Filter by host MKT01\.pandalab\.com / })).toBeVisible();
    await dash.attachScreenshot(testInfo, '2-overview', view);

    // suspects: the stager is listed with its process image, host and a severity
    await dash.tab('Suspects').click();
    const row = suspectsTable(page).getByRole('row').filter({ hasText: exe });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').nth(2)).toContainText(image);
    // a stager whose answers rebuild an x64 prologue is no low-severity curiosity
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^(critical|high)$/i);
    await expect(row.getByRole('cell').nth(3)).toContainText(/staging|reassembl/i);
    await expect(row.getByRole('cell').nth(4)).toContainText(stager.computer);
    await dash.attachScreenshot(testInfo, '3-suspects', view);

    // its evidence: the finding's rows in the virtualised table, raw values, a row's detail
    await row.click();
    await expect(row).toHaveAttribute('aria-current', 'true');
    const evidence = page.getByRole('region', { name: /^Evidence:/ });
    await expect(evidence.getByRole('heading')).toContainText(image);
    await expect(dash.evidence).not.toHaveAttribute('aria-rowcount', '1');
    const total = Number(await dash.evidence.getAttribute('aria-rowcount')) - 1;
    expect(total).toBeGreaterThanOrEqual(details.records);
    const qnames = dash.evidence.getByRole('row').filter({ hasText: new RegExp(`${details.prefix}\\d+\\.${stager.zone?.replace(/\./g, '\\.')}`) });
    await expect(qnames.first()).toBeVisible();
    await expect(qnames.first()).toContainText(image);
    await expect(qnames.first()).toContainText('AAAA');
    await expect(qnames.first()).toContainText(`${HUNT_NAME}:`);
    await qnames.first().click();
    const detail = evidence.getByRole('region', { name: new RegExp(`^Event at ${HUNT_NAME}:\\d+$`) });
    await expect(detail).toBeVisible();
    await expect(fact(detail, 'Process')).toHaveText(image);
    await expect(fact(detail, 'Host')).toHaveText(stager.computer);
    await expect(fact(detail, 'Query name \\(raw\\)')).toHaveText(new RegExp(`^${details.prefix}\\d+\\.`));
    await dash.attachScreenshot(testInfo, '4-evidence', view);

    // "Show in timeline": the staging burst, many anomalous AAAA points for the stager domain within a minute
    await evidence.getByRole('link', { name: /^Show in timeline/ }).first().click();
    await expect(dash.tab('Timeline')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { name: /^Timeline:/ })).toContainText(image);
    const points = page.getByRole('table', { name: 'Timeline points' });
    const burst = points.locator('tbody tr[data-validity="anomalous"]').filter({ hasText: stager.domain });
    await expect.poll(() => burst.count()).toBeGreaterThanOrEqual(details.records);
    const times = (await burst.evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-time'))))).sort((a, b) => a - b);
    const first = times[0] ?? Number.NaN;
    expect(times.filter((t) => t - first <= 60_000).length).toBeGreaterThanOrEqual(details.records);
    expect(first).toBeGreaterThanOrEqual(Date.parse(stager.firstTime ?? ''));
    expect(times.at(-1)).toBeLessThanOrEqual(Date.parse(stager.lastTime ?? ''));
    const chart = page.getByRole('figure', { name: 'Queries over time by domain' });
    await expect(chart.locator('.recharts-scatter path').first()).toBeVisible();
    await burst.first().getByRole('button').click();
    const event = page.getByRole('region', { name: 'Timeline event' });
    await expect(fact(event, 'Type')).toHaveText('AAAA (28)');
    await expect(fact(event, 'Query name \\(raw\\)')).toHaveText(stager.qnames[0] ?? '');
    await dash.attachScreenshot(testInfo, '5-timeline', view);

    // the process page
    await page.getByRole('link', { name: `Process page: ${image}` }).first().click();
    await expect(dash.tab('Entity')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { name: /^Process:/ })).toContainText(image);
    await expect(page.getByRole('status').filter({ hasText: /quer(y|ies) ·/ })).toContainText(`${count(stager.rows)} queries`);
    const stagerDomain = page.getByRole('region', { name: /^Top domains/ }).getByRole('row').filter({ hasText: stager.domain });
    await expect(stagerDomain).toHaveCount(1);
    await expect(stagerDomain.getByRole('cell').last()).toHaveText(count(stager.rows));
    await dash.attachScreenshot(testInfo, '6-entity-process', view);

    // the domain page: the payload rebuilt from the AAAA answers is the one the generator encoded (its padding dropped)
    await stagerDomain.getByRole('link', { name: `Domain page: ${stager.domain}` }).click();
    await expect(page.getByRole('heading', { name: /^Domain:/ })).toContainText(stager.domain);
    const payload = page.getByRole('region', { name: 'Reassembled payload' });
    await expect(fact(payload, 'Signature')).toHaveText(details.signature);
    await expect(fact(payload, 'sha256')).toHaveText(details.payloadSha256);
    await expect(fact(payload, 'Size')).toHaveText(`${count(details.payloadBytes)} bytes`);
    const button = payload.getByRole('button', { name: `Download payload (${count(details.payloadBytes)} bytes)` });
    await expect(button).toBeVisible();
    await dash.attachScreenshot(testInfo, '7-entity-domain', view);
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(await sha256(await download.path())).toBe(details.payloadSha256);
  });
});
