import { z } from 'zod';
import { defineCalls } from '../call-spec';
import { isoInstant, lineText } from '../fields';

export const dossierSummary = z.object({
  id: z.string(),
  applicantName: z.string(),
  procedureName: z.string(),
  receivedAt: isoInstant,
});
export type DossierSummary = z.infer<typeof dossierSummary>;

export const dossierCalls = defineCalls({
  'dossiers.create': {
    input: z.strictObject({
      applicantName: lineText(200),
      procedureName: lineText(500),
    }),
    output: dossierSummary,
  },
  'dossiers.listToday': { input: z.strictObject({}), output: z.array(dossierSummary) },
});
