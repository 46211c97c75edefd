/**
 * Real benign names the synthetic fleet resolves, per kind of process, in rough popularity order
 * (rank 1 first: the generator draws them with Zipf weights). `name/provider`: the provider code
 * decides the answer shape (answers.ts). Codes: g Google, cf Cloudflare, ak Akamai, fa Fastly,
 * fr CloudFront, ms Microsoft/Azure, aws AWS load balancer, fb Meta, gh GitHub, wm Wikimedia,
 * ncsi Windows connectivity probe, o other hosting (IPv4 only).
 */

const WEB = `
www.google.com/g google.com/g www.gstatic.com/g fonts.gstatic.com/g fonts.googleapis.com/g
clients2.google.com/g accounts.google.com/g apis.google.com/g ssl.gstatic.com/g www.googleapis.com/g
update.googleapis.com/g safebrowsing.googleapis.com/g content-autofill.googleapis.com/g
optimizationguide-pa.googleapis.com/g www.youtube.com/g i.ytimg.com/g yt3.ggpht.com/g play.google.com/g
mail.google.com/g drive.google.com/g docs.google.com/g www.googletagmanager.com/g
www.google-analytics.com/g stats.g.doubleclick.net/g googleads.g.doubleclick.net/g
pagead2.googlesyndication.com/g tpc.googlesyndication.com/g adservice.google.com/g
lh3.googleusercontent.com/g clientservices.googleapis.com/g ajax.googleapis.com/g
securepubads.g.doubleclick.net/g redirector.gvt1.com/g beacons.gcp.gvt2.com/g ocsp.pki.goog/g
www.bing.com/ms th.bing.com/ms edge.microsoft.com/ms www.msn.com/ms assets.msn.com/ak ntp.msn.com/ms
api.msn.com/ms c.msn.com/ms c.bing.com/ms bat.bing.com/ms img-s-msn-com.akamaized.net/ak
www.office.com/ms portal.office.com/ms www.microsoft.com/ak support.microsoft.com/ak learn.microsoft.com/ak
login.microsoftonline.com/ms aadcdn.msftauth.net/ak login.live.com/ms outlook.live.com/ms
github.com/gh api.github.com/gh avatars.githubusercontent.com/fa raw.githubusercontent.com/fa
objects.githubusercontent.com/fa github.githubassets.com/fa collector.github.com/gh
stackoverflow.com/cf cdn.sstatic.net/fa i.sstatic.net/cf en.wikipedia.org/wm upload.wikimedia.org/wm
www.reddit.com/fa www.redditstatic.com/fa i.redd.it/fa preview.redd.it/fa
www.facebook.com/fb static.xx.fbcdn.net/fb scontent.xx.fbcdn.net/fb www.instagram.com/fb
connect.facebook.net/fb web.whatsapp.com/fb
www.linkedin.com/ak static.licdn.com/ak media.licdn.com/ak px.ads.linkedin.com/ak
x.com/o abs.twimg.com/fa pbs.twimg.com/fa video.twimg.com/fa
www.amazon.com/fr m.media-amazon.com/fr images-na.ssl-images-amazon.com/fr fls-na.amazon.com/aws
c.amazon-adsystem.com/fr aax-us-east.amazon-adsystem.com/aws
www.nytimes.com/fa static01.nyt.com/fa www.bbc.com/fa www.bbc.co.uk/ak static.files.bbci.co.uk/ak
www.theguardian.com/fa assets.guim.co.uk/fa www.cnn.com/fa cdn.cnn.com/ak www.reuters.com/ak
www.bloomberg.com/ak assets.bwbx.io/ak www.washingtonpost.com/ak
cdn.jsdelivr.net/cf cdnjs.cloudflare.com/cf code.jquery.com/fa unpkg.com/cf www.cloudflare.com/cf
challenges.cloudflare.com/cf static.cloudflareinsights.com/cf
app.slack.com/fr edgeapi.slack.com/fr a.slack-edge.com/fr wss-primary.slack.com/aws slack.com/aws
zoom.us/o us05web.zoom.us/o st1.zoom.us/fr
www.dropbox.com/o cfl.dropboxstatic.com/o
www.salesforce.com/ak login.salesforce.com/o northwind.my.salesforce.com/o
www.atlassian.com/fr northwind.atlassian.net/aws jira-frontend-bifrost.prod-east.frontend.public.atl-paas.net/fr
cdn.cookielaw.org/cf geolocation.onetrust.com/cf js.hs-scripts.com/cf js.hs-analytics.net/cf
cdn.segment.com/fr api.segment.io/aws js-agent.newrelic.com/fa bam.nr-data.net/o
browser.sentry-cdn.com/fa static.hotjar.com/fr script.hotjar.com/fr
www.w3.org/cf developer.mozilla.org/g www.npmjs.com/cf registry.npmjs.org/cf pypi.org/fa
files.pythonhosted.org/fa docs.python.org/fa
www.apple.com/ak apple.com/ak www.adobe.com/ak use.typekit.net/ak
www.paypal.com/ak www.ebay.com/ak ir.ebaystatic.com/ak www.walmart.com/ak
www.netflix.com/aws assets.nflxext.com/o open.spotify.com/g i.scdn.co/fa
discord.com/cf cdn.discordapp.com/cf www.imdb.com/fr m.imdb.com/fr
www.espn.com/ak a.espncdn.com/ak weather.com/ak s.w-x.co/ak
sb.scorecardresearch.com/ak ib.adnxs.com/o analytics.tiktok.com/ak
ocsp.digicert.com/ak ocsp.sectigo.com/cf r3.o.lencr.org/ak x1.c.lencr.org/ak crl3.digicert.com/ak
static.zdassets.com/fr northwind.zendesk.com/cf
www.yahoo.com/o s.yimg.com/o news.google.com/g maps.googleapis.com/g maps.gstatic.com/g
translate.googleapis.com/g www.wikipedia.org/wm meta.wikimedia.org/wm
northwind-traders.com/cf www.northwind-traders.com/cf
`;

/** Office, Teams, OneDrive, Windows shell and telemetry. */
const MICROSOFT = `
login.microsoftonline.com/ms outlook.office365.com/ms graph.microsoft.com/ms substrate.office.com/ms
teams.microsoft.com/ms outlook.office.com/ms aadcdn.msauth.net/ak config.teams.microsoft.com/ms
presence.teams.microsoft.com/ms teams.events.data.microsoft.com/ms statics.teams.cdn.office.net/ak
northwindtraders.sharepoint.com/ms northwindtraders-my.sharepoint.com/ms onedrive.live.com/ms
g.live.com/ms oneclient.sfx.ms/ak storage.live.com/ms officeclient.microsoft.com/ms ecs.office.com/ms
nexus.officeapps.live.com/ms self.events.data.microsoft.com/ms v10.events.data.microsoft.com/ms
v20.events.data.microsoft.com/ms mobile.events.data.microsoft.com/ms browser.events.data.msn.com/ms
arc.msn.com/ms ris.api.iris.microsoft.com/ms www.bing.com/ms business.bing.com/ms
img-prod-cms-rt-microsoft-com.akamaized.net/ak clientconfig.passport.net/ms officecdn.microsoft.com/ak
client.wns.windows.com/ms edge.activity.windows.com/ms licensing.mp.microsoft.com/ms
displaycatalog.mp.microsoft.com/ms login.live.com/ms augloop.office.com/ms
`;

/** Windows services (svchost): update, telemetry, connectivity, certificates. */
const WINDOWS = `
settings-win.data.microsoft.com/ms v10.events.data.microsoft.com/ms www.msftconnecttest.com/ak
dns.msftncsi.com/ncsi ctldl.windowsupdate.com/ak fe3cr.delivery.mp.microsoft.com/ms
slscr.update.microsoft.com/ms sls.update.microsoft.com/ms fe2cr.update.microsoft.com/ms
tsfe.trafficshaping.dsp.mp.microsoft.com/ms geo.prod.do.dsp.mp.microsoft.com/ms
kv801.prod.do.dsp.mp.microsoft.com/ms dl.delivery.mp.microsoft.com/ak 2.tlu.dl.delivery.mp.microsoft.com/ak
download.windowsupdate.com/ak watson.telemetry.microsoft.com/ms umwatson.events.data.microsoft.com/ms
crl.microsoft.com/ak oneocsp.microsoft.com/ak ocsp.digicert.com/ak client.wns.windows.com/ms
login.live.com/ms functional.events.data.microsoft.com/ms go.microsoft.com/ak
`;

/** Microsoft Defender cloud protection and SmartScreen. */
const DEFENDER = `
wdcp.microsoft.com/ms wdcpalt.microsoft.com/ms go.microsoft.com/ak definitionupdates.microsoft.com/ak
nav.smartscreen.microsoft.com/ms smartscreen-prod.microsoft.com/ms checkappexec.microsoft.com/ms
unitedstates.cp.wd.microsoft.com/ms x.cp.wd.microsoft.com/ms
`;

/** Domains whose mail the gateway receives (SPF, DKIM, DMARC and MX lookups). */
const SENDERS = `
gmail.com outlook.com hotmail.com yahoo.com icloud.com microsoft.com google.com amazon.com
linkedin.com github.com atlassian.com salesforce.com docusign.net zoom.us slack.com dropbox.com
adobe.com paypal.com stripe.com mailchimp.com sendgrid.net hubspot.com zendesk.com intuit.com
fedex.com ups.com dhl.com delta.com united.com marriott.com hilton.com expedia.com booking.com
airbnb.com uber.com lyft.com apple.com spotify.com netflix.com nytimes.com wsj.com bloomberg.com
reuters.com economist.com medium.com substack.com twitter.com facebook.com instagram.com
contoso-supply.com fabrikam-logistics.com adventure-works.com tailspin-toys.com wingtip-partners.com
litware-consulting.com proseware-legal.com woodgrove-bank.com fourthcoffee.com alpineskihouse.com
`;

export interface DomainEntry {
  readonly name: string;
  readonly provider: string;
}

function parse(block: string): DomainEntry[] {
  return block
    .split(/\s+/)
    .filter((t) => t !== '')
    .map((t) => {
      const slash = t.indexOf('/');
      return slash < 0 ? { name: t, provider: 'o' } : { name: t.slice(0, slash), provider: t.slice(slash + 1) };
    });
}

export const WEB_DOMAINS: readonly DomainEntry[] = parse(WEB);
export const MICROSOFT_DOMAINS: readonly DomainEntry[] = parse(MICROSOFT);
export const WINDOWS_DOMAINS: readonly DomainEntry[] = parse(WINDOWS);
export const DEFENDER_DOMAINS: readonly DomainEntry[] = parse(DEFENDER);
export const SENDER_DOMAINS: readonly string[] = parse(SENDERS).map((d) => d.name);

/** The Active Directory domain of the synthetic company. */
export const AD_DOMAIN = 'corp.northwind.local';
export const AD_NETBIOS = 'NORTHWIND';

/** Names that no longer exist (stale bookmarks, decommissioned servers): NXDOMAIN. */
export const STALE_NAMES: readonly string[] = [
  `intranet-old.${AD_DOMAIN}`, `printsrv02.${AD_DOMAIN}`, `sccm01.${AD_DOMAIN}`, `isatap.${AD_DOMAIN}`,
  `fs-archive.${AD_DOMAIN}`, 'dev-portal.northwind-traders.com', 'legacy.northwind-traders.com',
  'vpn-old.northwind-traders.com', 'teams-legacy.northwind-traders.com', 'wiki.northwind-traders.com',
  'cdn-staging.northwind-traders.com', 'old-crm.northwind-traders.com',
];

/** First names and surnames for the fleet's users. */
export const FIRST_NAMES: readonly string[] = [
  'ann', 'ben', 'carla', 'david', 'elena', 'farid', 'grace', 'hugo', 'ines', 'jamal', 'kate', 'liam',
  'maria', 'nils', 'olga', 'pedro', 'quinn', 'rosa', 'sara', 'tom', 'uma', 'victor', 'wei', 'yusuf', 'zoe',
];
export const LAST_NAMES: readonly string[] = [
  'adams', 'berg', 'chen', 'diaz', 'evans', 'fischer', 'garcia', 'haddad', 'ito', 'jensen', 'kowalski',
  'lopez', 'meyer', 'nguyen', 'okafor', 'patel', 'rossi', 'schmidt', 'tanaka', 'weber',
];
