// Opens the demo LMS's course page in headless Chromium with Weineng in its frame, the platform offering LTI platform
// storage, and every cookie of Weineng's dropped on the way in (as a browser that blocks the frame's cookies does).
// Prints what the course page's storage was asked and what the frame shows; writes a screenshot. Exit 1 when the
// launch did not finish through the platform's storage.
// Usage: node platform-storage.js COURSE_URL TOOL_ORIGIN SCREENSHOT
'use strict';
const { chromium } = require('playwright-core');

(async () => {
  const [course, toolOrigin, shot] = process.argv.slice(2);
  // pages that Playwright fulfils count as public ones, which Chromium keeps from reaching the loopback LMS
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-features=LocalNetworkAccessChecks,LocalNetworkAccessChecksWebRTC'] });
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 } });
  let dropped = 0;
  await context.route(`${toolOrigin}/**`, async (route) => {
    // the fetch shares the context's cookie jar: keep it empty before and after, so no cookie of Weineng's is sent
    await context.clearCookies();
    const response = await route.fetch();
    await context.clearCookies();
    const headers = { ...response.headers() };
    if (headers['set-cookie']) { delete headers['set-cookie']; dropped++; }
    await route.fulfill({ response, headers });
  });
  const page = await context.newPage();
  const steps = [];
  context.on('requestfailed', (r) => steps.push(`failed ${r.method()} ${r.url().slice(0, 80)}: ${r.failure() && r.failure().errorText}`));
  context.on('response', (r) => { if (r.request().isNavigationRequest()) steps.push(`${r.status()} ${r.request().method()} ${r.url().slice(0, 80)}`); });
  await page.goto(course);
  let who = null;
  for (let i = 0; i < 80 && !who; i++) {
    for (const f of page.frames()) {
      if (f.url().startsWith(toolOrigin)) who = await f.$eval('#who', (e) => e.innerText).catch(() => null);
    }
    if (!who) await page.waitForTimeout(250);
  }
  const storage = await page.$$eval('#storage li', (l) => l.map((e) => e.textContent)).catch(() => []);
  await page.screenshot({ path: shot });
  const frames = page.frames().map((f) => f.url());
  console.log(JSON.stringify({ who, storage, cookiesDropped: dropped, frames, steps }, null, 1));
  await browser.close();
  process.exit(who && storage.includes('get state: found') ? 0 : 1);
})().catch((e) => { console.error(e); process.exit(2); });
