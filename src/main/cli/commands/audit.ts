import type { Command } from 'commander';
import type { AuditVerification } from '../../../shared/api/calls/audit';
import { isAppError } from '../../../shared/api/errors';
import { auditText } from '../../../shared/i18n/vi-audit';
import { verifyDatabaseFile } from '../../core/audit/verify';
import { databaseFileIn } from '../../core/core';
import { fail, printResult } from '../output';
import type { GlobalOptions } from '../global-options';

const t = auditText;

export function verificationText(v: AuditVerification): string {
  const lines: string[] = [];
  if (v.ok) lines.push(v.entries === 0 ? t.empty : t.intact(v.entries));
  else {
    lines.push(t.broken);
    if (v.problem) lines.push(t.problem(v.problem));
    lines.push(t.intactBefore(v.entries), t.advice);
  }
  if (v.head) lines.push(t.head(v.head.seq, v.head.hash));
  lines.push(t.checkedAt(v.checkedAt));
  return lines.join('\n');
}

/**
 * `motcua audit verify`: reads the database file directly, READ-ONLY and without the data-dir
 * lock (it only reads), so an admin can check the log while the app is open. Exit 0: intact;
 * 1: broken (what and where on stdout); 2: could not check.
 */
export function registerAudit(program: Command, globals: () => GlobalOptions): void {
  const audit = program.command('audit').description(t.cli.auditDescription);
  audit
    .command('verify')
    .description(t.cli.verifyDescription)
    .action(() => {
      const g = globals();
      let result: AuditVerification;
      try {
        result = verifyDatabaseFile(databaseFileIn(g.dataDir));
      } catch (e) {
        if (isAppError(e)) {
          if (g.json) printResult(true, e.toBody(), () => '');
          fail(e.message, 2);
        }
        throw e;
      }
      printResult(g.json, result, () => verificationText(result));
      if (!result.ok) process.exitCode = 1;
    });
}
