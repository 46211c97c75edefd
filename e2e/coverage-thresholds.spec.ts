import { DashboardPage } from './support/dashboard-page';
import { expect, test, type UploadPage } from './support/upload-page';

const DEMO = 'dns-hunt-demo.csv';
const STAGING_TITLE = 'Sequential-label payload staging';

/** Loads the shipped demo hunt with the "Try sample data" button and waits for its card. */
async function loadSample(up: UploadPage): Promise<void> {
  await up.page.getByRole('button', { name: 'Try sample data' }).click();
  await expect(up.fact(DEMO, 'DNS events')).toHaveText('13,314');
  await expect(up.status).toHaveText('13,314 DNS events loaded from 1 of 1 file.');
}

test.describe('coverage, live thresholds and sample data', () => {
  test('Try sample data: the card shows coverage (resolver-bypass cannot run, and why) and DNSStager is a suspect', async ({ uploadPage: up, page }) => {
    const dash = new DashboardPage(page);
    await loadSample(up);
    await expect(up.fact(DEMO, 'Format')).toHaveText('Sysmon DNS (Splunk CSV)');

    const card = up.card(DEMO);
    const coverage = card.getByRole('list', { name: 'Detector coverage' });
    await expect(coverage).toBeHidden();
    await card.getByText('Detector coverage: 12 of 13 detectors can run').click();
    await expect(coverage).toBeVisible();
    await expect(coverage.getByRole('listitem')).toHaveCount(13);
    await expect(coverage.getByRole('listitem').filter({ hasText: 'resolver-bypass' })).toContainText(
      'cannot run: needs the resolver address; Sysmon DNS events do not record which server answered',
    );
    await expect(coverage.getByRole('listitem').filter({ hasText: 'sequential-label-staging' })).toContainText('can run');

    await dash.tab('Suspects').click();
    const stager = page.getByRole('table', { name: /Suspects by score/ }).getByRole('row').filter({ hasText: 'dns_stager.exe' });
    await expect(stager).toHaveCount(1);
    await expect(stager).toContainText('WS017.corp.northwind.local');
  });

  test('thresholds: raising minRecords drops the staging indicator without reading the file again; Reset brings it back', async ({ uploadPage: up, page }) => {
    const dash = new DashboardPage(page);
    await loadSample(up);
    await dash.tab('Suspects').click();
    const stager = page.getByRole('table', { name: /Suspects by score/ }).getByRole('row').filter({ hasText: 'dns_stager.exe' });
    const indicators = stager.getByRole('cell').nth(3);
    await expect(indicators).toContainText(STAGING_TITLE);

    const toggle = page.getByRole('button', { name: 'Thresholds', exact: true });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    const form = page.getByRole('form', { name: 'Detector thresholds' });
    const staging = form.getByRole('group', { name: /sequential-label-staging/ });
    const minRecords = staging.getByLabel(/^minRecords/);
    await expect(minRecords).toHaveValue('8');
    await expect(staging.getByRole('checkbox', { name: 'Enabled' })).toBeChecked();
    const status = form.getByRole('status');

    // an invalid value is refused inline and nothing runs
    await minRecords.fill('1');
    await form.getByRole('button', { name: 'Apply' }).click();
    await expect(minRecords).toHaveAttribute('aria-invalid', 'true');
    await expect(staging).toContainText(/Too small/);
    await expect(status).toContainText('Not applied');
    await expect(indicators).toContainText(STAGING_TITLE);

    // above DNSStager's 32 records: the staging indicator goes, the suspect stays
    await minRecords.fill('500');
    await form.getByRole('button', { name: 'Apply' }).click();
    await expect(status).toContainText('Applied: 1 change from the defaults');
    await expect(minRecords).not.toHaveAttribute('aria-invalid', 'true');
    await expect(indicators).not.toContainText(STAGING_TITLE);
    await expect(stager).toHaveCount(1);
    await expect(indicators).toContainText('Payload reassembled from DNS answers');
    // the file was not read again
    await expect(up.status).toHaveText('13,314 DNS events loaded from 1 of 1 file.');
    await expect(page.getByRole('progressbar')).toHaveCount(0);

    // the overrides survive a switch of views (page state, not the URL)
    expect(page.url()).not.toContain('minRecords');
    await dash.tab('Overview').click();
    await dash.tab('Suspects').click();
    await toggle.click();
    await expect(minRecords).toHaveValue('500');

    await form.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(status).toContainText('Reset: defaults');
    await expect(minRecords).toHaveValue('8');
    await expect(indicators).toContainText(STAGING_TITLE);

    // disabling the detector does the same, from the keyboard
    await staging.getByRole('checkbox', { name: 'Enabled' }).focus();
    await page.keyboard.press('Space');
    await expect(minRecords).toBeDisabled();
    await form.getByRole('button', { name: 'Apply' }).focus();
    await page.keyboard.press('Enter');
    await expect(status).toContainText('Applied: 1 change from the defaults');
    await expect(indicators).not.toContainText(STAGING_TITLE);
  });
});
