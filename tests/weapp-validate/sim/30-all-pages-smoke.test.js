// Generic smoke test: mount every page listed in app.json (same app instance, like on device) and
// require that it renders something, throws nothing and hits no "Template `x` not found" at runtime.
// No allow-list: a missing template is a node that a phone silently drops, so it always fails.
const { mountPage, allPages } = require('./page-helpers');

test.each(allPages())('page %s mounts and renders', async (route) => {
  const page = await mountPage(route, {});
  const text = page.text();
  process.stdout.write(`${route}: ${page.dom.querySelectorAll('*').length} elements, text="${text.slice(0, 60)}" ` +
    `requests=${JSON.stringify(page.requests)} missingTemplates=${JSON.stringify(page.missingTemplates)} consoleErrors=${page.consoleErrors.length}\n`);
  page.consoleErrors.forEach((e) => process.stdout.write(`  console.error: ${e.split('\n')[0]}\n`));
  expect(text.length).toBeGreaterThan(0);          // a page that renders no text at all is broken
  page.expectClean();                                // React/Taro errors (console.error) + dropped nodes
  page.unmount();
});
