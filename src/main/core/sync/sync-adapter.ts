import type { Change, ChangeResult, FeedReply } from './protocol';

// What the sync engine needs from a provincial system, whatever its wire format. Two
// implementations: our protocol (motcua-adapter.ts) and the national DongBoHoSoMC /
// CapNhatTienDoHoSoMC messages (national-adapter.ts). A real provincial API is one more
// implementation of this interface, not a change to the engine.

export interface SyncAccount {
  username: string;
  password: string;
  /** Stable id of this installation. */
  deviceId: string;
}

export interface AdapterOptions {
  /** Base URL of the provincial endpoint (adapter-specific paths are relative to it). */
  endpoint: string;
  account: SyncAccount;
  /** Per-request timeout; a reply slower than this is a transient failure. */
  timeoutMs: number;
  /** Upload chunk size for resumable uploads. */
  chunkBytes: number;
  /** Called with the server's clock and the local instants around the request (clock skew). */
  onServerTime?: (serverTime: Date, sentAt: Date, receivedAt: Date) => void;
  /** The device clock (tests freeze it). */
  now?: () => Date;
}

export interface FileToSend {
  sha256: string;
  size: number;
  mediaType: string;
  /** Reads bytes [start, end) of the stored file. */
  read(start: number, end: number): Promise<Buffer>;
}

export interface SyncAdapter {
  readonly kind: 'motcua' | 'national';
  /** Reachability and the server's clock; no login needed. */
  health(signal?: AbortSignal): Promise<{ serverTime: Date }>;
  /**
   * Sends changes in order. Returns one result per change the server answered for — possibly
   * fewer than sent (a partial acknowledgement) or repeated ones; the engine copes with both.
   * Logs in first when it holds no token, and once more when the token expired.
   */
  push(changes: Change[], signal?: AbortSignal): Promise<ChangeResult[]>;
  /** Makes sure the server holds the file (deduplicated by hash, resumed from the server's offset). */
  sendFile(file: FileToSend, signal?: AbortSignal): Promise<{ sent: number; deduplicated: boolean }>;
  /** The next page of the feed after `cursor` (null: from the beginning). */
  pull(cursor: string | null, limit: number, signal?: AbortSignal): Promise<FeedReply>;
}

/**
 * Why a call failed, as the engine must react:
 *  offline   – no connection (refused, reset, DNS, timeout before any reply): back off, probe.
 *  transient – the server answered but cannot now (5xx, 429, 507, a reply cut short): back off.
 *  auth      – the account was refused (bad password, locked): stop until an admin fixes it.
 *  rejected  – this request will never be accepted as sent (4xx other than 401/408/429).
 *  protocol  – the reply is not what the protocol says (hostile or broken server): back off.
 */
export type SyncFailureKind = 'offline' | 'transient' | 'auth' | 'rejected' | 'protocol';

export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}
