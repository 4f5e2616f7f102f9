import type { BenchSuite } from '../lib/suite';
import { coldStartSuite } from './cold-start';
import { formsSuite } from './forms';
import { ledgerSuite } from './ledger';
import { saveDossierSuite } from './save-dossier';
import { scanAssemblySuite } from './scan-assembly';
import { searchSuite } from './search';
import { syncPushSuite } from './sync-push';
import { syncUploadSuite } from './sync-upload';
import { todayListsSuite } from './today-lists';

/**
 * Every benchmark suite, in the order `npm run bench` runs them. A new suite is a file in this
 * folder exporting a BenchSuite, plus one line here.
 */
export const suites: readonly BenchSuite[] = [coldStartSuite, todayListsSuite, searchSuite, saveDossierSuite, formsSuite, ledgerSuite, scanAssemblySuite, syncPushSuite, syncUploadSuite];
