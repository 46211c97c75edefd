import { describe, expect, it } from 'vitest';
import { dgaLabelScore, labelShape, secondLevelLabel } from './dga';
import { rng } from '../scenarios/beacon-regularity';

const randomLabel = (next: () => number, n: number, alphabet = 'abcdefghijklmnopqrstuvwxyz') =>
  Array.from({ length: n }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');

const BRANDS = `google microsoft doubleclick criteo bidswitch outbrain akamaihd cloudfront wikipedia
  stackoverflow github linkedin facebook twitter gstatic xboxlive amazonaws salesforce zscaler
  rubiconproject pubmatic taboola scorecardresearch quantserve windowsupdate digicert bizographics
  casalemedia smartadserver sharethrough everesttech instagram whatsapp netflix spotify dropbox
  sharepoint onedrive atlassian bitbucket kubernetes cloudflare jsdelivr bootstrapcdn fontawesome
  optimizely datadoghq bugsnag freshdesk mailchimp sendgrid mandrillapp braintreegateway woocommerce
  squarespace dailymotion googlevideo snapchat discordapp odnoklassniki wildberries kaspersky
  bitdefender trendmicro malwarebytes crowdstrike sentinelone carbonblack steamcontent gotomeeting
  googleusercontent azurewebsites trafficmanager washingtonpost theguardian businessinsider
  techcrunch arstechnica`.split(/\s+/);

describe('DGA label scoring', () => {
  it('ranks English-like pairs above random ones', () => {
    expect(labelShape('thereinto').bigramLlr).toBeGreaterThan(1);
    expect(labelShape('xqzvkjwq').bigramLlr).toBeLessThan(-2);
  });

  it('calls at least 80 % of random 10–16-letter labels random-looking', () => {
    const next = rng(5);
    for (const n of [10, 12, 16]) {
      let hits = 0;
      for (let i = 0; i < 500; i++) if (dgaLabelScore(randomLabel(next, n)) >= 0.6) hits++;
      expect(hits / 500).toBeGreaterThan(0.8);
    }
  });

  it('calls hex and alphanumeric labels random-looking through letter/digit alternation', () => {
    const next = rng(9);
    let hex = 0;
    let alnum = 0;
    for (let i = 0; i < 300; i++) {
      if (dgaLabelScore(randomLabel(next, 16, '0123456789abcdef')) >= 0.6) hex++;
      if (dgaLabelScore(randomLabel(next, 12, 'abcdefghijklmnopqrstuvwxyz0123456789')) >= 0.6) alnum++;
    }
    expect(hex / 300).toBeGreaterThan(0.9);
    expect(alnum / 300).toBeGreaterThan(0.9);
  });

  it('leaves at most 3 % of everyday brand labels random-looking', () => {
    const flagged = BRANDS.filter((b) => dgaLabelScore(b) >= 0.6);
    expect(flagged.length / BRANDS.length).toBeLessThanOrEqual(0.03);
  });

  it('never calls labels under 6 characters random, nor dictionary-word DGAs (documented blind spot)', () => {
    expect(dgaLabelScore('xqzvk')).toBe(0);
    expect(dgaLabelScore('heavenlistenspend')).toBeLessThan(0.6);
  });

  it('takes the registrant label of a registrable domain', () => {
    expect(secondLevelLabel('example.co.uk')).toBe('example');
    expect(secondLevelLabel('wpad')).toBe('wpad');
  });
});
