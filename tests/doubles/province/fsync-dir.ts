import { open } from 'node:fs/promises';

/** Makes a rename or a new file in `dir` durable, as the double's store promises its callers. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
