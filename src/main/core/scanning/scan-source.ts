// One interface for every way paper becomes pages: eSCL network scanners, SANE's scanimage, a
// watched scan-to-folder directory, and files the clerk imports. The scan service stores each
// page durably the moment it arrives (so a crash loses nothing already scanned) and assembles
// the PDFs; sources know nothing about dossiers.

export type ColorMode = 'color' | 'grayscale' | 'bw';
export type PageMediaType = 'image/jpeg' | 'image/png' | 'image/tiff' | 'application/pdf';

export interface ScanSettings {
  source: 'platen' | 'adf';
  duplex: boolean;
  colorMode: ColorMode;
  /** Dots per inch; 200 by default (the profile's). */
  resolution: number;
  /** What the scanner should send; JPEG keeps pages small and is copied into the PDF unchanged. */
  format: 'jpeg' | 'pdf';
}

export const DEFAULT_SCAN_SETTINGS: ScanSettings = { source: 'adf', duplex: false, colorMode: 'grayscale', resolution: 200, format: 'jpeg' };

export interface ScannedPage {
  bytes: Buffer;
  mediaType: PageMediaType;
  /** Where it came from, for the clerk ("Trang 3 từ máy quét Canon"), never a path to trust. */
  origin: string;
}

export interface ScanProgress {
  pagesReceived: number;
  /** Human text in Vietnamese for the progress line ("Đang chờ trang 4…"). */
  message: string;
}

export interface ScanRun {
  signal?: AbortSignal;
  /** Called once per page, in order, as soon as the page is whole; awaited (back-pressure). */
  onPage(page: ScannedPage, index: number): Promise<void>;
  onProgress?(p: ScanProgress): void;
}

export interface ScanSource {
  readonly kind: 'escl' | 'sane' | 'folder' | 'file';
  /**
   * Scans until the feeder is empty (or one page from the platen). Throws AppError with a
   * Vietnamese message for jams, an empty feeder, an open cover, a busy or unreachable device;
   * pages delivered before the error stay delivered.
   */
  scan(settings: ScanSettings, run: ScanRun): Promise<{ pages: number }>;
}
