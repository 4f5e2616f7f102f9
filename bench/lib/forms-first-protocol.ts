/** The line bench/forms-first-child.ts prints, followed by {"firstMs": n}. */
export const FORMS_FIRST_MARKER = 'MOTCUA_FORMS_FIRST';
