import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

/** Where Debian's chromium package puts the browser (CHROMIUM_PATH overrides). */
const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);

/** The Chromium executable, or a clear error saying how to install it (.ci/run does). */
export const findChromium = () => {
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      `no Chromium at ${CANDIDATES.join(", ")}: apt-get install -y chromium (.ci/run installs it), or set CHROMIUM_PATH`
    );
  }
  return found;
};

/** Headless Chromium from the system package, driven by playwright-core (no browser download). */
export const launchChromium = () =>
  chromium.launch({ executablePath: findChromium(), args: ["--no-sandbox", "--allow-file-access-from-files"] });

/**
 * Opens `file` (a path on disk, as file://) in a new page of `browser` and collects what
 * goes wrong: console errors, page errors, dialogs (each dialog is dismissed), and any
 * request that leaves the disk (neither file: nor data:).
 */
export const openReport = async (browser, file, { viewport = { width: 1400, height: 2400 } } = {}) => {
  const page = await browser.newPage({ viewport });
  const problems = { consoleErrors: [], pageErrors: [], dialogs: [], remoteRequests: [] };
  page.on("request", (request) => {
    if (!/^(file|data):/.test(request.url())) problems.remoteRequests.push(request.url());
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => problems.pageErrors.push(error.message));
  page.on("dialog", async (dialog) => {
    problems.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector("body[data-painted=true]", { timeout: 30_000 });
  return { page, problems };
};

/**
 * Per chart container (data-chart), how many pixels of its canvases differ from the
 * page background: read with getImageData in the page.
 */
export const countInkedPixels = (page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("[data-chart]")).map((container) => {
      let inked = 0;
      for (const canvas of container.querySelectorAll("canvas")) {
        if (canvas.width === 0 || canvas.height === 0) continue;
        const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 0; i < pixels.length; i += 4) {
          const alpha = pixels[i + 3];
          const white = pixels[i] > 245 && pixels[i + 1] > 245 && pixels[i + 2] > 245;
          if (alpha > 0 && !white) inked++;
        }
      }
      return { chart: container.getAttribute("data-chart"), inked };
    })
  );

/**
 * Scrolls every chart of the page into view in turn (the report builds a chart when it
 * comes into view) and waits until each has been built and painted.
 */
export const revealCharts = async (page) => {
  const count = await page.locator("[data-chart]").count();
  for (let index = 0; index < count; index++) {
    const box = page.locator("[data-chart]").nth(index);
    await box.scrollIntoViewIfNeeded();
    await page.waitForFunction((i) => document.querySelectorAll("[data-chart]")[i].hasAttribute("data-created"), index);
  }
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
};
