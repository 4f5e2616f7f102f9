import type { Chunk } from '../pdf/layout';
import type { Block } from '../template-schema';
import type { BlockContext } from './block-context';
import { codesChunks } from './codes-block';
import { columnsChunks } from './columns-block';
import { tableChunks } from './table-block';
import { fieldChunks, footnoteChunks, textChunks } from './text-blocks';

// Any template block → chunks for the flow, with the block's own space before and after.

function spacer(height: number, keepWithNext: boolean): Chunk {
  return { height, collapsible: true, keepWithNext, draw: () => {} };
}

function* inner(b: Block, ctx: BlockContext): Iterable<Chunk> {
  switch (b.type) {
    case 'text':
    case 'title':
      yield* textChunks(b, ctx);
      return;
    case 'field':
      yield* fieldChunks(b, ctx);
      return;
    case 'columns':
      yield* columnsChunks(b, ctx);
      return;
    case 'table':
      yield* tableChunks(b, ctx);
      return;
    case 'codes':
      yield* codesChunks(b, ctx);
      return;
    case 'footnote':
      yield* footnoteChunks(b, ctx);
      return;
    case 'spacer':
      yield spacer(ctx.len(b.height), false);
      return;
    case 'pageBreak':
      yield { height: 0, pageBreak: true, draw: () => {} };
      return;
  }
}

export function* blockChunks(b: Block, ctx: BlockContext): Iterable<Chunk> {
  if (!ctx.visible(b.when)) return;
  const before = 'spaceBefore' in b ? b.spaceBefore : undefined;
  const after = 'spaceAfter' in b ? b.spaceAfter : undefined;
  if (before) yield spacer(ctx.len(before), true);
  yield* inner(b, ctx);
  if (after) yield spacer(ctx.len(after), Boolean('keepWithNext' in b && b.keepWithNext));
}

export function* templateChunks(blocks: readonly Block[], ctx: BlockContext): Iterable<Chunk> {
  for (const b of blocks) yield* blockChunks(b, ctx);
}
