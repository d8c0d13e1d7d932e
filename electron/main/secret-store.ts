import { safeStorage } from 'electron';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { memorySecretStore, type SecretStore } from '../aws/secret-store.js';

/**
 * AWS credentials encrypted with Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
 * libsecret/kwallet on Linux) in one file of the user-data folder. Without OS encryption (a Linux
 * session with no keyring: `basic_text`), nothing is written: the credentials stay in memory.
 */
export function safeStorageSecretStore(file: string): SecretStore {
  // On Linux, `basic_text` means a hard-coded key: no better than plain text, so not used.
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
    return memorySecretStore(
      'No OS encryption is available (no keyring): credentials stay in memory and are never written to disk.',
    );
  }
  return {
    kind: 'encrypted',
    async load() {
      try {
        return safeStorage.decryptString(await readFile(file));
      } catch {
        // Missing, or encrypted by another user or machine: as if nothing were stored.
        return undefined;
      }
    },
    async save(secret) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, safeStorage.encryptString(secret), { mode: 0o600 });
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}
