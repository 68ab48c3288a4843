// Shared setup of the browser tests: start the real guanxi binary on a
// fresh database with a demo workspace, launch Debian's Chromium through
// playwright-core, and sign in. Nothing is built or downloaded here: the
// binary comes from GUANXI_BIN (default ../guanxi, built with the UI).

import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const artifactsDir = resolve(here, '..', 'artifacts');
export const password = 'guanxi-demo-2026';

/** Starts `guanxi serve` on port 0 and resolves with its URL and a stop function. */
export async function startServer({ demo = 50 } = {}) {
  const bin = resolve(here, '..', process.env.GUANXI_BIN ?? '../guanxi');
  const dir = mkdtempSync(join(tmpdir(), 'guanxi-e2e-'));
  const child = spawn(bin, ['serve', '--db', join(dir, 'e2e.db'), '--addr', '127.0.0.1:0', '--demo', String(demo)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`guanxi did not start in 60s:\n${output}`)), 60_000);
    const onData = (buf) => {
      output += buf.toString();
      const m = /Guanxi is running at (http:\/\/[^\s]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(m[1].replace(/\/$/, ''));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (b) => (output += b.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(new Error(`cannot run ${bin}: ${e.message} (set GUANXI_BIN)`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`guanxi exited with ${code}:\n${output}`));
    });
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { url, stop };
}

/**
 * Starts a server and a browser before the tests of a spec file and stops
 * them after; returns an object whose server and browser are set by then.
 */
export function serverAndBrowser(options) {
  const env = { server: undefined, browser: undefined };
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh browser context (own cookies) at baseURL with a page that
 * records console errors and CSP violations.
 */
export async function newPage(browser, baseURL, { locale = 'zh-CN' } = {}) {
  const context = await browser.newContext({ baseURL, locale, viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(15_000);
  // Collect CSP violations as the page sees them, besides the console.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI || 'inline'} ${e.sourceFile || ''}:${e.lineNumber || ''}`);
    });
  });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) page.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => page.consoleErrors.push(`pageerror at ${page.url()}: ${e.message}`));
  return page;
}

/** Signs in through the login form and waits for the app shell. */
export async function login(page, email) {
  await page.goto('/login');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('user-menu').waitFor();
}

/** The session's CSRF token, as the UI gets it after a reload. */
export async function csrfToken(page) {
  const r = await page.request.get('/api/v1/me');
  if (!r.ok()) throw new Error(`GET /me: ${r.status()}`);
  return (await r.json()).csrf_token;
}

/** Calls the API with the page's session cookie (and CSRF token for changes). */
export async function apiCall(page, method, path, { body, headers = {} } = {}) {
  const h = { ...headers };
  if (method !== 'GET') h['X-CSRF-Token'] = await csrfToken(page);
  const r = await page.request.fetch(path, { method, headers: h, data: body });
  const text = await r.text();
  return { status: r.status(), headers: r.headers(), body: text ? JSON.parse(text) : undefined };
}

/** Saves a screenshot of the page under artifacts/ (for failures and reviews). */
export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const file = join(artifactsDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => {});
  return file;
}

/**
 * Runs fn; on failure saves a screenshot of every page still open in the
 * browser, named after the test, before rethrowing.
 */
export async function withScreenshotOnFailure(t, browser, fn) {
  try {
    await fn();
  } catch (e) {
    const pages = browser.contexts().flatMap((c) => c.pages());
    const files = [];
    for (const [i, p] of pages.entries()) files.push(await screenshot(p, `FAILED-${t.name}-${i + 1}`));
    e.message += `\n(screenshots: ${files.join(', ') || 'no page open'})`;
    throw e;
  }
}

/** CSP violations: console messages about the policy and violation events the page saw. */
export async function cspViolations(page) {
  const events = await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
  return [...page.consoleErrors.filter((m) => /Content.Security.Policy|violates the following/i.test(m)), ...events];
}

/** The id of a demo user, looked up with page's session. */
export async function userId(page, email) {
  const users = await apiCall(page, 'GET', '/api/v1/users');
  const u = users.body.find((x) => x.email === email);
  if (!u) throw new Error(`no user ${email}`);
  return u.id;
}
