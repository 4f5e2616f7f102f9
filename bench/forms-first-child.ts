// The first receipt a fresh process renders, with or without the warm-up the app's hosts run at
// start (FormRenderer.warmUp). A fresh process per sample: the fonts, HarfBuzz and the template
// are loaded once per process, which is exactly the cost in question. Spawned by
// bench/suites/forms.ts; not meant to be run by hand.

import { parseArgs } from 'node:util';
import { FORMS_FIRST_MARKER } from './lib/forms-first-protocol';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { warm: { type: 'string' }, 'resources-dir': { type: 'string' } } });
  const resourcesDir = values['resources-dir'];
  if (!resourcesDir || (values.warm !== 'yes' && values.warm !== 'no')) throw new Error('usage: forms-first-child --warm yes|no --resources-dir DIR');
  const [{ createFormRenderer }, fixtures] = await Promise.all([import('../src/main/core/forms/form-renderer'), import('../tests/unit/forms/form-fixtures')]);
  const renderer = createFormRenderer({ resourcesDir });
  if (values.warm === 'yes') await renderer.warmUp();
  const t0 = process.hrtime.bigint();
  await renderer.renderDossierForm('01', fixtures.longDossier(), { processingTime: '3 ngày làm việc' }, { paper: 'A4' }, fixtures.ctx);
  const firstMs = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(`${FORMS_FIRST_MARKER} ${JSON.stringify({ firstMs })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
