// One line of form 07 (Sổ theo dõi hồ sơ): what ledgerRows() reads from the database and
// renderLedger() prints. Instants are ISO 8601 UTC strings, as everywhere at the API.

export interface LedgerRow {
  code: string | null;
  procedureCode: string | null;
  procedureName: string;
  /** The dossier's holder (chủ hồ sơ). */
  applicantName: string;
  address: string | null;
  phone: string | null;
  decidingAuthority: string | null;
  receivedAt: string;
  dueAt: string | null;
  /** When the result was handed back, to whom and how (null until then). */
  returnedAt: string | null;
  returnedTo: string | null;
  returnMethod: 'counter' | 'post' | null;
  status: number;
}
