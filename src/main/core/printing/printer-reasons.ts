import { printingText } from '../../../shared/i18n/vi-printing';

// A printer explains itself in two ways: a free text (printer-state-message, e.g. the reason an
// administrator typed into `cupsdisable -r`, or CUPS's stock English "Paused"), and keywords
// (printer-state-reasons: media-empty-error, door-open-warning, …). The clerk reads one
// Vietnamese sentence built from both: the administrator's own words are kept as written, CUPS's
// stock texts and the keywords are translated, and noise keywords are dropped.

/** Keywords that describe normal operation, not a problem. */
const BENIGN = new Set([
  'none',
  'job-printing',
  'job-incoming',
  'job-queued',
  'job-completed-successfully',
  'processing-to-stop-point',
  'cups-waiting-for-job-completed',
  'printer-stopped',
  'job-hold-until-specified',
]);

/** Keywords that only restate what an administrator did to the queue. */
const QUEUE_STATE = new Set(['paused', 'moving-to-paused', 'hold-new-jobs']);

/** CUPS's English texts (LANG=C) that only restate a state the keywords already carry. */
const STOCK_MESSAGES: Record<string, string> = {
  paused: printingText.stockMessages.paused,
  'rejecting jobs': printingText.stockMessages.rejecting,
  'reason unknown': printingText.stockMessages.unknown,
  'the printer may not exist or is unavailable at this time.': printingText.stockMessages.unavailable,
  'waiting for printer to become available.': printingText.stockMessages.waiting,
};

/** Filters' and backends' progress notes: they say the job is moving, not what is wrong. */
const PROGRESS =
  /^(printing|connecting to printer|preparing to print|sending data to printer|spooling job|rendering completed|processing page \d+|job completed|ready to print|idle)\.*$|^\d+% complete\.?$/i;

/** `media-empty-error` → `media-empty`: the severity suffix does not change what the clerk must do. */
export function baseKeyword(keyword: string): string {
  return keyword.replace(/-(error|warning|report)$/, '');
}

/** The Vietnamese words for one keyword; unknown keywords stay as the printer wrote them. */
export function keywordText(keyword: string): string | null {
  const base = baseKeyword(keyword.trim());
  if (base === '' || BENIGN.has(base)) return null;
  return printingText.reasons[base] ?? base;
}

/** A stock CUPS message in Vietnamese, '' when it says nothing, the text itself when it is not stock. */
export function messageText(message: string): string {
  const trimmed = message.trim();
  if (PROGRESS.test(trimmed)) return '';
  const stock = STOCK_MESSAGES[trimmed.toLowerCase()];
  return stock === undefined ? trimmed : stock;
}

/**
 * One sentence for the clerk from what the printer reported. `fallback` is used when the printer
 * said nothing useful (e.g. a job cancelled by someone else).
 */
export function describeReason(
  reported: { message?: string | null; keywords?: readonly string[] },
  fallback: string = printingText.stockMessages.unknown,
): string {
  const parts: string[] = [];
  const add = (text: string | null) => {
    if (text && !parts.includes(text)) parts.push(text);
  };
  if (reported.message) add(messageText(reported.message));
  // An administrator's reason for pausing says more than the bare "paused" keyword beside it.
  const explained = parts.length > 0;
  for (const keyword of reported.keywords ?? []) {
    if (!(explained && QUEUE_STATE.has(baseKeyword(keyword)))) add(keywordText(keyword));
  }
  return parts.length > 0 ? parts.join('; ') : fallback;
}
