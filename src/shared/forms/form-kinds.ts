// The standard forms of Thông tư 03/2025 (Phụ lục I), by their number. Titles live in the
// Vietnamese catalogue (vi-forms.ts); the layouts are templates under resources/forms/.

export const FORM_KINDS = ['01', '02', '03', '04', '05', '06', '07'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** Forms about one dossier (01–06); 07 is the ledger over a date range. */
export const DOSSIER_FORMS = ['01', '02', '03', '04', '05', '06'] as const satisfies readonly FormKind[];
export type DossierFormKind = (typeof DOSSIER_FORMS)[number];

export const PAPER_SIZES = ['A4', 'A5'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** What a printer is chosen for: the A4 forms, the ledger, and the 80 mm thermal slip. */
export const PRINT_PURPOSES = ['forms', 'ledger', 'slip'] as const;
export type PrintPurpose = (typeof PRINT_PURPOSES)[number];
