import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { FormTarget, PrinterChoice } from '../../../shared/api/calls/printing';
import { DOSSIER_FORMS, PRINT_PURPOSES, type PrintPurpose } from '../../../shared/forms/form-kinds';
import { documentsCliText, documentsText } from '../../../shared/i18n/vi-documents';
import { callCore } from '../call-core';
import { fail, printResult } from '../output';
import type { GlobalOptions } from '../global-options';

const t = documentsCliText;

interface TargetOptions {
  dossier?: string;
  from?: string;
  to?: string;
  paper?: string;
  params?: string;
}

/** From `form render 02 --dossier X --params '{…}'` to the API's target; usage errors exit 2. */
export function targetFrom(kind: string, o: TargetOptions): FormTarget {
  const paper = o.paper === undefined ? undefined : (o.paper.toUpperCase() as 'A4' | 'A5');
  if (kind === 'slip') {
    if (!o.dossier) fail(t.needDossier, 2);
    return { kind: 'slip', dossier: o.dossier };
  }
  if (kind === '07') {
    if (!o.from || !o.to) fail(t.needRange, 2);
    return { kind: 'ledger', from: o.from, to: o.to, paper };
  }
  if (!(DOSSIER_FORMS as readonly string[]).includes(kind)) fail(t.badKind(kind), 2);
  if (!o.dossier) fail(t.needDossier, 2);
  let params: Record<string, unknown> | undefined;
  if (o.params !== undefined) {
    try {
      params = JSON.parse(o.params) as Record<string, unknown>;
    } catch {
      fail(t.badParams, 2);
    }
    if (params === null || typeof params !== 'object' || Array.isArray(params)) fail(t.badParams, 2);
  }
  return { kind: 'dossierForm', dossier: o.dossier, form: kind as (typeof DOSSIER_FORMS)[number], params, paper };
}

function copiesFrom(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 20) fail(t.badCopies, 2);
  return n;
}

const choiceText = (c: PrinterChoice | null) =>
  !c ? t.notChosen : c.driver === 'system' ? `${c.printer} (${c.paper}, ${c.copies} bản)` : `ESC/POS ${c.host}:${c.port}`;

/** What names a document: the dossier, or the ledger's days; its paper and its own fields. */
function withTargetOptions(command: Command): Command {
  return command
    .option('--dossier <code>', t.dossierOption)
    .option('--from <date>', t.fromOption)
    .option('--to <date>', t.toOption)
    .option('--paper <size>', t.paperOption)
    .option('--params <json>', t.paramsOption);
}

/** `motcua form render`, `motcua print`, `motcua printers`: the admin's way to check forms and printers. */
export function registerForms(program: Command, globals: () => GlobalOptions): void {
  const form = program.command('form').description(t.formDescription);
  withTargetOptions(form.command('render').description(t.renderDescription).argument('<kind>', t.formOption))
    .requiredOption('--out <file>', t.outOption)
    .action(async (kind: string, o: TargetOptions & { out: string }) => {
      const g = globals();
      const doc = await callCore(g, 'forms.preview', targetFrom(kind, o));
      writeFileSync(o.out, Buffer.from(doc.dataBase64, 'base64'));
      printResult(g.json, { file: o.out, mediaType: doc.mediaType, size: doc.size, sha256: doc.sha256 }, () => t.written(o.out, doc.size, doc.sha256));
    });

  withTargetOptions(program.command('print').description(t.printDescription).option('--form <kind>', t.formOption))
    .option('--printer <name>', t.printerOption)
    .option('--copies <n>', t.copiesOption)
    .option('--test-page <purpose>', t.testPageOption)
    .option('--reprint <id>', t.reprintOption)
    .action(async (o: TargetOptions & { form?: string; printer?: string; copies?: string; testPage?: string; reprint?: string }) => {
      const g = globals();
      const copies = copiesFrom(o.copies);
      let result;
      if (o.reprint) result = await callCore(g, 'printing.reprint', { issuedFormId: o.reprint, printer: o.printer, copies });
      else if (o.testPage) {
        if (!(PRINT_PURPOSES as readonly string[]).includes(o.testPage)) fail(t.testPageOption, 2);
        result = await callCore(g, 'printing.testPage', { purpose: o.testPage as PrintPurpose });
      } else if (o.form) result = await callCore(g, 'printing.print', { target: targetFrom(o.form, o), printer: o.printer, copies });
      else fail(t.needWhat, 2);
      printResult(g.json, result, () => t.printed(result.printer, result.systemJobId));
    });

  program
    .command('printers')
    .description(t.printersDescription)
    .action(async () => {
      const g = globals();
      const list = await callCore(g, 'printing.printers', {});
      const chosen = await callCore(g, 'printing.settings', {});
      printResult(g.json, { ...list, chosen }, () =>
        [
          ...list.printers.map(
            (p) =>
              `${p.name}${p.isDefault ? ` ${documentsText.settings.defaultMark}` : ''}  ${documentsText.settings.states[p.state] ?? p.state}` +
              `${p.accepting ? '' : `, ${documentsText.settings.notAccepting}`}${p.reason ? ` (${p.reason})` : ''}  ${p.description}`,
          ),
          ...(list.printers.length === 0 ? [documentsText.settings.noPrinters] : []),
          t.chosen,
          ...PRINT_PURPOSES.map((purpose) => `  ${documentsText.purposes[purpose]}: ${choiceText(chosen[purpose])}`),
        ].join('\n'),
      );
    });
}
