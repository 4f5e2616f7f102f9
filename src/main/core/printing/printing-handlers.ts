import type { HandlerGroup } from '../dispatcher';
import type { DossierService } from '../dossiers/dossier-service';
import type { PrintService } from './print-service';

type PrintingMethods =
  | 'forms.preview'
  | 'forms.issued'
  | 'forms.issuedFile'
  | 'printing.print'
  | 'printing.reprint'
  | 'printing.printers'
  | 'printing.settings'
  | 'printing.updateSettings'
  | 'printing.testPage';

export function printingHandlers(printing: PrintService, dossiers: Pick<DossierService, 'get'>): HandlerGroup<PrintingMethods> {
  return {
    'forms.preview': (input, ctx) => printing.preview(input, ctx.principal),
    'forms.issued': (input) => printing.issued(dossiers.get(input.dossier).id),
    'forms.issuedFile': (input) => printing.issuedFile(input.id),
    'printing.print': (input, ctx) => printing.print(input.target, { printer: input.printer || undefined, copies: input.copies, clientRef: input.clientRef }, ctx.principal),
    'printing.reprint': (input, ctx) => printing.reprint(input.issuedFormId, { printer: input.printer || undefined, copies: input.copies, clientRef: input.clientRef }, ctx.principal),
    'printing.printers': () => printing.printers(),
    'printing.settings': () => printing.settings(),
    'printing.updateSettings': (input, ctx) => printing.updateSettings(input, ctx.principal),
    'printing.testPage': (input, ctx) => printing.testPage(input.purpose, ctx.principal),
  };
}
