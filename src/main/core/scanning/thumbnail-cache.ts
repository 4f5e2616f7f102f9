/**
 * Thumbnails already rendered, least recently used first out, bounded by their bytes. The
 * workspace asks again on every re-render and reorder, and a 200-page dossier would otherwise
 * decode and shrink 200 full scans each time. The key names the picture itself (the page's
 * SHA-256, its rotation, the size asked for), so a rotated or rescanned page is a new key: no
 * entry ever has to be invalidated, stale ones just age out.
 */
export interface ThumbnailCache {
  /** The cached thumbnail, or the one `render` makes (stored if it fits); one render per key at a time. */
  get(key: ThumbnailKey, render: () => Promise<Buffer>): Promise<Buffer>;
  /** Bytes held and entries, for tests and logs. */
  stats(): { bytes: number; entries: number };
}

export interface ThumbnailKey {
  sha256: string;
  rotation: number;
  width: number;
}

/** 16 MB holds ~1,000 thumbnails of 240 px (10–20 KB each): several long dossiers. */
export const DEFAULT_THUMBNAIL_CACHE_BYTES = 16 * 1024 * 1024;

export function createThumbnailCache(maxBytes = DEFAULT_THUMBNAIL_CACHE_BYTES): ThumbnailCache {
  // A Map keeps insertion order: re-inserting on use makes its first key the least recently used.
  const entries = new Map<string, Buffer>();
  const rendering = new Map<string, Promise<Buffer>>();
  let bytes = 0;

  function store(key: string, value: Buffer): void {
    // Larger than the whole budget: served, not kept (it would evict everything for itself).
    if (value.byteLength > maxBytes) return;
    entries.set(key, value);
    bytes += value.byteLength;
    for (const [oldest, old] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(oldest);
      bytes -= old.byteLength;
    }
  }

  return {
    async get(k, render) {
      const key = `${k.sha256}:${k.rotation}:${k.width}`;
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const pending = rendering.get(key);
      if (pending) return pending;
      const made = render().then(
        (value) => {
          rendering.delete(key);
          store(key, value);
          return value;
        },
        (e: unknown) => {
          // A failure is not cached: the next request tries again.
          rendering.delete(key);
          throw e;
        },
      );
      rendering.set(key, made);
      return made;
    },
    stats: () => ({ bytes, entries: entries.size }),
  };
}
