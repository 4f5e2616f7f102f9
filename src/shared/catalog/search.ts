import { foldForSearch } from '../text/normalize';

// Finding a procedure as a clerk types: a code prefix ("2.0008"), or words of the name typed
// with or without diacritics, in any order, each word a prefix of a word of the name
// ("khai sinh dang ky" finds "Đăng ký khai sinh"). Ranking: exact code, code prefix, name
// starting with the query, then the rest; ties in code order. The catalogue is small (≤ 2,000
// current procedures), so the index is an array scanned in memory: well under a millisecond.

export interface SearchableProcedure {
  id: string;
  code: string;
  name: string;
}

interface IndexedProcedure<T> {
  item: T;
  codeKey: string;
  /** The name's folded words joined by one space: what "name starts with the query" looks at. */
  nameKey: string;
  words: string[];
}

const SEPARATORS = /[^a-z0-9.]+/;

/** Folded words of a text; dots stay inside codes but not at a word's ends ("sinh." → "sinh"). */
function wordsOf(folded: string): string[] {
  return folded
    .split(SEPARATORS)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter(Boolean);
}

/** Orders codes segment by segment, numbers as numbers: 1.001193 < 1.004222 < 2.000635. */
export function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export function createSearchIndex<T extends SearchableProcedure>(items: readonly T[]) {
  const rows: IndexedProcedure<T>[] = items
    .map((item) => {
      const words = wordsOf(foldForSearch(item.name));
      return { item, codeKey: item.code.toLowerCase(), nameKey: words.join(' '), words };
    })
    .sort((a, b) => compareCodes(a.item.code, b.item.code));

  return {
    size: rows.length,

    /** Up to `limit` matches, best first; an empty query lists the catalogue in code order. */
    search(query: string, limit = 20): T[] {
      const q = foldForSearch(query);
      if (q === '') return rows.slice(0, limit).map((r) => r.item);
      const tokens = wordsOf(q);
      if (tokens.length === 0) return [];
      const qJoined = tokens.join(' ');
      const ranked: { rank: number; row: IndexedProcedure<T> }[] = [];
      for (const row of rows) {
        let rank: number;
        if (row.codeKey === q) rank = 0;
        else if (row.codeKey.startsWith(q)) rank = 1;
        else if (!tokens.every((t) => row.codeKey.startsWith(t) || row.words.some((w) => w.startsWith(t)))) continue;
        else rank = row.nameKey.startsWith(qJoined) ? 2 : 3;
        ranked.push({ rank, row });
      }
      // Stable sort: rows are already in code order within a rank.
      ranked.sort((a, b) => a.rank - b.rank);
      return ranked.slice(0, limit).map((r) => r.row.item);
    },
  };
}

export type SearchIndex<T extends SearchableProcedure> = ReturnType<typeof createSearchIndex<T>>;
