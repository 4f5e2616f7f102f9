import { FakeBrowserWindow } from '../electron/fakes';

// The hidden print window as electron-printer.ts uses it. Electron's binary cannot run here, so
// this records what the driver asked of Chromium and answers as Chromium would.

export interface FakePrinter {
  name: string;
  displayName: string;
  description: string;
  options: Record<string, string>;
}

type PrintCallback = (success: boolean, failureReason: string) => void;

export class PrintingWindow extends FakeBrowserWindow {
  static printers: FakePrinter[] = [];
  /** What Chromium answers to print(); 'never' leaves the callback uncalled. */
  static answer: [boolean, string] | 'never' = [true, ''];
  /** What the print page's render resolves with (its sheet count), or the error it rejects with. */
  static rendered: number | Error = 1;
  /** Loading the print page fails. */
  static loadFails = false;
  static windows: PrintingWindow[] = [];

  scripts: string[] = [];
  printed: Record<string, unknown>[] = [];
  destroyed = false;

  constructor(options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super(options);
    PrintingWindow.windows.push(this);
    Object.assign(this.webContents, {
      getPrintersAsync: () => Promise.resolve(PrintingWindow.printers),
      executeJavaScript: (script: string) => {
        this.scripts.push(script);
        const rendered = PrintingWindow.rendered;
        return rendered instanceof Error ? Promise.reject(rendered) : Promise.resolve(rendered);
      },
      print: (settings: Record<string, unknown>, callback: PrintCallback) => {
        this.printed.push(settings);
        const answer = PrintingWindow.answer;
        if (answer !== 'never') setTimeout(() => callback(...answer), 1);
      },
    });
  }

  override loadURL(url: string) {
    return PrintingWindow.loadFails ? Promise.reject(new Error('ERR_FILE_NOT_FOUND')) : super.loadURL(url);
  }

  override loadFile(path: string) {
    return PrintingWindow.loadFails ? Promise.reject(new Error('ERR_FILE_NOT_FOUND')) : super.loadFile(path);
  }

  destroy() {
    this.destroyed = true;
  }
}
