#!/usr/bin/env node
// Entry point of the `pejling` command. The sources are TypeScript; tsx compiles them on the
// fly (cached), so a fresh clone needs no build step before `npx pejling`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
