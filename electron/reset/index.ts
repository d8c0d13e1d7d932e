/**
 * The instructor reset: the lab's resources in an account, listed (`takeInventory`) then deleted in
 * dependency order (`deleteInventory`), idempotently, through the SDK clients of electron/aws; plus
 * resetting the offline lab folder and lesson progress. Used by `npm run reset` and the Instructor page.
 */
import { createCloudClients, type CloudTarget } from '../aws/client-factory.js';
import type { ResetClients } from './inventory.js';

export { RESET_SCOPES, isResetScopeId, scopeMatcher, type ResetScope } from './scope.js';
export { takeInventory, resourceKey, type ResetClients, type InventoryOptions } from './inventory.js';
export { deleteInventory, countOutcomes, THING_TYPE_DELETE_DELAY_MS, type DeleteOptions } from './delete.js';
export { formatInventory, formatOutcome, formatReport, describeResource, SERVICE_LABELS } from './format.js';
export {
  accountFromEndpointFile,
  accountFromProfile,
  accountsFromCredentialsFile,
  accountsFromCredentialsText,
  AccountError,
  type ResetAccount,
} from './accounts.js';
export { clearLabFolder, ownedLabEntries, LabFolderError, type ClearedLabFolder } from './lab-folder.js';
export { clearLessonProgress } from './lesson-progress.js';

/** Runs `work` with the reset's SDK clients for a target, and closes them after. */
export async function withResetClients<T>(
  target: CloudTarget,
  work: (clients: ResetClients) => Promise<T>,
): Promise<T> {
  const clients = createCloudClients(target);
  try {
    return await work(clients);
  } finally {
    clients.destroy();
  }
}
