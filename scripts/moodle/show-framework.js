// Opens, as Moodle's admin, the competency framework that import_competency_csv.php imported and takes screenshots of
// its page (the tree of environments, dimensions and points). Uses the Moodle harness's browser and login
// (MOODLE_HARNESS, default ../shared/moodle-harness beside this repository). Usage: node show-framework.js FRAMEWORK_ID
'use strict';
const path = require('path');
const harness = process.env.MOODLE_HARNESS || path.resolve(__dirname, '../../../shared/moodle-harness');
const { browser, login, shot, settle, MOODLE } = require(path.join(harness, 'drive', 'common.js'));

(async () => {
  const id = process.argv[2];
  const { page, close } = await browser();
  try {
    await login(page, 'admin');
    await page.goto(`${MOODLE}/admin/tool/lp/competencyframeworks.php?pagecontextid=1`);
    await settle(page).catch(() => null);
    await shot(page, 'moodle-frameworks.png');
    const listed = await page.innerText('table').catch(() => '');
    await page.goto(`${MOODLE}/admin/tool/lp/competencies.php?competencyframeworkid=${id}&pagecontextid=1`);
    await settle(page).catch(() => null);
    // Moodle's tree: li[role=group] for a node with children (aria-expanded), li[role=tree-item] for a leaf
    await page.waitForSelector('li[role="group"]', { timeout: 60000 });
    for (let i = 0; i < 2; i++) {
      for (const n of await page.$$('li[role="group"][aria-expanded="false"] > img')) {
        if (await n.isVisible()) {
          await n.click().catch(() => null);
        }
      }
      await page.waitForTimeout(300);
    }
    // select the first point: Moodle shows it in "Selected competency"
    const first = page.locator('li[role="tree-item"] > span').first();
    await first.click().catch(() => null);
    await settle(page).catch(() => null);
    await shot(page, 'moodle-framework-tree.png');
    const tree = await page.innerText('#region-main').catch(() => '');
    console.log(JSON.stringify({ listed: listed.slice(0, 600), tree: tree.slice(0, 1500) }, null, 2));
  } finally {
    await close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
