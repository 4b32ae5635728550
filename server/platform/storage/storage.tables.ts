/** Tables of the platform's hardening round (issue 14): database file storage, shared rate limits, credentials. */
export interface StoredFilesTable {
  key: string;
  size_bytes: number | string;
  sha256: string;
  chunks: number;
  created_at: string;
}

export interface FileBlobsTable {
  file_key: string;
  chunk_no: number;
  data: Buffer | Uint8Array;
}

export interface RateLimitCountersTable {
  key: string;
  count: number;
  window_start: number | string;
  ttl_ms: number | string;
}

/** One-time links/codes that let an account's owner set a password (nobody else ever sees one). */
export interface CredentialTokensTable {
  id: string;
  user_id: string;
  purpose: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface LoginBackoffTable {
  ip: string;
  failures: number;
  blocked_until: string | null;
  last_failure_at: string;
}

export interface PlatformHardeningTables {
  stored_files: StoredFilesTable;
  file_blobs: FileBlobsTable;
  rate_limit_counters: RateLimitCountersTable;
  credential_tokens: CredentialTokensTable;
  login_backoff: LoginBackoffTable;
}

/** The tables the platform's storage layer owns: only its repositories build queries on them. */
export const OWNED_TABLES = [
  'stored_files',
  'file_blobs',
  'rate_limit_counters',
  'credential_tokens',
  'login_backoff',
] as const satisfies readonly (keyof PlatformHardeningTables)[];
