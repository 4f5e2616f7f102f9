import { Command } from 'commander';
import { isAppError } from '../../shared/api/errors';
import { registerAudit } from './commands/audit';
import { registerCalendar } from './commands/calendar';
import { registerCall } from './commands/call';
import { registerCatalog } from './commands/catalog';
import { registerDemo } from './commands/demo';
import { registerDoctor } from './commands/doctor';
import { registerDossier } from './commands/dossier';
import { registerForms } from './commands/forms';
import { registerId } from './commands/id';
import { registerMigrate } from './commands/migrate';
import { registerScan } from './commands/scan';
import { registerServe } from './commands/serve';
import { registerSync } from './commands/sync';
import { readGlobals } from './global-options';

// `motcua`: the admin's command line. The core runs in this process; commands are thin.
const program = new Command('motcua')
  .description('Một Cửa Desk — công cụ dòng lệnh cho quản trị viên')
  .option('--data-dir <dir>', 'thư mục dữ liệu (mặc định: thư mục của ứng dụng, hoặc MOTCUA_DATA_DIR)')
  .option('--json', 'in kết quả dạng JSON')
  .showHelpAfterError();

const globals = () => readGlobals(program);
registerServe(program, globals);
registerMigrate(program, globals);
registerDoctor(program, globals);
registerCall(program, globals);
registerId(program, globals);
registerCalendar(program, globals);
registerCatalog(program, globals);
registerAudit(program, globals);
registerDossier(program, globals);
registerDemo(program, globals);
registerForms(program, globals);
registerScan(program, globals);
registerSync(program, globals);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`${isAppError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
