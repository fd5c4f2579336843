// Renders resources/*.svg to the PNG sizes electron-builder and the tray need (run by hand after changing an SVG).
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const TRAY = { ok: '#2fb86b', warning: '#f0a020', critical: '#e03131' };
const traySvg = (color) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="28" fill="#0f2a44"/><circle cx="32" cy="32" r="18" fill="${color}"/></svg>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
async function render(svg, size, file) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  writeFileSync(file, await page.screenshot({ omitBackground: true }));
}
const icon = readFileSync('resources/icon.svg', 'utf8');
await render(icon, 512, 'resources/icon.png');
for (const [name, color] of Object.entries(TRAY)) {
  writeFileSync(`resources/tray-${name}.svg`, traySvg(color));
  await render(traySvg(color), 32, `resources/tray-${name}.png`);
}
await browser.close();
