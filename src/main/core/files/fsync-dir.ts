import { closeSync, fsyncSync, openSync } from 'node:fs';

/**
 * Makes a directory's entries durable (a rename or a new file in it), as a file's fsync makes
 * its bytes durable. Windows cannot open a directory for fsync; NTFS journals the change itself.
 */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
