/**
 * The one way Pejling starts a browser: Debian's Chromium (never a downloaded build), headless,
 * with everything that would phone home switched off (the machines have no network but the
 * package registries). PEJLING_CHROMIUM overrides the binary.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.PEJLING_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(executablePath: string = CHROMIUM_PATH): Promise<Browser> {
  return chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
}
