// How many dots per inch a page image was scanned at, which sets its size on paper: an A4 sheet
// scanned at 300 dpi is 2480 × 3508 pixels and must come out as an A4 page.

/** What a scan without any usable resolution most likely was: the scan profile's default. */
export const DEFAULT_SCAN_DPI = 200;

/**
 * Below this a resolution stated in a file is not believed. 72 and 96 dpi are what cameras,
 * phones and image programs write when they know nothing (sharp too), and no document scanner
 * scans paper that coarsely; believing them would make an A4 photo a page a metre tall.
 */
const LOWEST_BELIEVABLE_DPI = 100;

/**
 * The file's own density when believable, else what the scan was asked for, else the default.
 * The file comes first: a scanner that ignored the requested resolution still labels what it sent.
 */
export function pageDpi(fileDensity: number | undefined, requested: number | undefined): number {
  if (fileDensity !== undefined && Number.isFinite(fileDensity) && fileDensity >= LOWEST_BELIEVABLE_DPI) return fileDensity;
  if (requested !== undefined && Number.isFinite(requested) && requested > 0) return requested;
  return DEFAULT_SCAN_DPI;
}

/** Pixels at a resolution to PDF points (1/72 inch). */
export function pixelsToPoints(pixels: number, dpi: number): number {
  return (pixels * 72) / dpi;
}
