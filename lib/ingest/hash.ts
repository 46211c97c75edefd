import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Incremental hash over streamed bytes (Web Crypto has no streaming digest). */
export interface Hasher {
  update(bytes: Uint8Array): void;
  hex(): string;
}

export function createSha256(): Hasher {
  const h = sha256.create();
  return {
    update: (bytes) => {
      h.update(bytes);
    },
    hex: () => bytesToHex(h.digest()),
  };
}
