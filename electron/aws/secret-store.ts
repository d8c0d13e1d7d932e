/**
 * Where AWS mode keeps the student's credentials between runs. The core is plain Node and never
 * encrypts anything itself: the Electron shell gives it a store backed by safeStorage (the OS keychain
 * encrypts, the file holds only ciphertext); web mode and the tests give it `memorySecretStore`,
 * which never writes.
 */
export interface SecretStore {
  /** `encrypted`: written encrypted to disk; `memory`: gone when the app quits. */
  readonly kind: 'encrypted' | 'memory';
  /** Why secrets stay in memory (web mode, no OS encryption), for the Settings page. */
  readonly note?: string;
  load(): Promise<string | undefined>;
  save(secret: string): Promise<void>;
  clear(): Promise<void>;
}

export function memorySecretStore(note = 'Web mode: credentials stay in memory and are never written to disk.'): SecretStore {
  let value: string | undefined;
  return {
    kind: 'memory',
    note,
    load: async () => value,
    save: async (secret) => {
      value = secret;
    },
    clear: async () => {
      value = undefined;
    },
  };
}
