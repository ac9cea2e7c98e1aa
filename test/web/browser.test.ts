/**
 * Every browser test of the survey, on one server and one Chromium for the whole run (the
 * suites live in ./suites). Needs /usr/bin/chromium (Debian's `chromium` package) or
 * PEJLING_CHROMIUM; the web build is made once by ensureWebBuild() if it is missing or stale.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { startWorld, type World } from './harness.ts';
import { accessibilitySuite } from './suites/accessibility.ts';
import { resumeSuite } from './suites/resume.ts';
import { surveySuite } from './suites/survey.ts';

let world: World | undefined;

beforeAll(async () => {
  world = await startWorld();
}, 120_000);

afterAll(async () => {
  const errors = world?.pageErrors ?? [];
  await world?.close();
  // No page threw, and nothing was blocked by the Content-Security-Policy.
  expect(errors).toEqual([]);
});

const getWorld = () => {
  if (!world) throw new Error('the browser world did not start');
  return world;
};

surveySuite(getWorld);
accessibilitySuite(getWorld);
resumeSuite(getWorld);
