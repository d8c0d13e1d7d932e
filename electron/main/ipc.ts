import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ipcChannels, requestNames, type ApiResult } from '../api/contract.js';
import type { ApiCore, ApiSession } from '../api/core.js';

/**
 * The IPC side of the contract: one `ipcMain.handle` per request of the list, one API session per
 * window (its event subscriptions), and nothing answered to a frame that is not our renderer.
 */
export function registerIpc(core: ApiCore, isTrustedUrl: (url: string) => boolean): () => void {
  const sessions = new Map<number, ApiSession>();

  const closeSession = (id: number): void => {
    sessions.get(id)?.close();
    sessions.delete(id);
  };

  const sessionFor = (sender: WebContents): ApiSession => {
    const existing = sessions.get(sender.id);
    if (existing) return existing;
    const session = core.openSession('ipc', (event) => {
      if (!sender.isDestroyed()) sender.send(ipcChannels.event, event.name, event.payload);
    });
    sessions.set(sender.id, session);
    const { id } = sender;
    sender.once('destroyed', () => closeSession(id));
    // A reload starts a new page with no listeners: its subscriptions start over.
    sender.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) closeSession(id);
    });
    return session;
  };

  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent): boolean =>
    isTrustedUrl(event.senderFrame?.url ?? '');
  const refused: ApiResult<never> = {
    ok: false,
    error: { code: 'Forbidden', message: 'Not the IoT Lab renderer.' },
  };

  for (const name of requestNames) {
    ipcMain.handle(ipcChannels.request(name), (event, input: unknown) =>
      trusted(event) ? sessionFor(event.sender).request(name, input) : refused,
    );
  }
  const onSubscribe = (event: IpcMainEvent, name: unknown): void => {
    if (trusted(event)) sessionFor(event.sender).subscribe(name);
  };
  const onUnsubscribe = (event: IpcMainEvent, name: unknown): void => {
    if (trusted(event)) sessionFor(event.sender).unsubscribe(name);
  };
  ipcMain.on(ipcChannels.subscribe, onSubscribe);
  ipcMain.on(ipcChannels.unsubscribe, onUnsubscribe);

  return () => {
    for (const name of requestNames) ipcMain.removeHandler(ipcChannels.request(name));
    ipcMain.off(ipcChannels.subscribe, onSubscribe);
    ipcMain.off(ipcChannels.unsubscribe, onUnsubscribe);
    for (const id of [...sessions.keys()]) closeSession(id);
  };
}
