import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  nativeTheme,
  session,
  shell,
  type MenuItemConstructorOptions,
} from 'electron';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApiCore, type ApiCore } from '../api/core.js';
import { checkNativeModules, describeNativeFailures } from '../api/native-modules.js';
import { registerIpc } from './ipc.js';
import { safeStorageSecretStore } from './secret-store.js';

/**
 * The desktop shell, kept thin: one sandboxed window, the menu, the single-instance lock. The API
 * core (local cloud + handlers) is the same one web mode runs; only the transport differs.
 */
app.setName('IoT Lab');

const rendererIndex = path.join(app.getAppPath(), 'dist', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;
const preloadFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'preload', 'index.cjs');

function openLog(): (line: string) => void {
  const logsDir = app.getPath('logs');
  mkdirSync(logsDir, { recursive: true });
  const stream = createWriteStream(path.join(logsDir, 'main.log'), { flags: 'a' });
  return (line) => {
    stream.write(`${new Date().toISOString()} ${line}\n`);
    console.error(line);
  };
}

/** Only our own page, loaded from disk, may talk to the API (not a navigated-to or embedded page). */
function isTrustedUrl(url: string): boolean {
  return url.split('#')[0] === rendererUrl;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    title: 'IoT Lab',
    show: false,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#11151c' : '#f5f7fa',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  void window.loadFile(rendererIndex);
  return window;
}

function buildMenu(core: ApiCore): Menu {
  const openFolder = (folder: string) => () => {
    void shell.openPath(folder).then((error) => error && console.error(`Could not open ${folder}: ${error}`));
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open lab folder', click: openFolder(core.labDir) },
        { label: 'Open logs', click: openFolder(app.getPath('logs')) },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

async function start(): Promise<void> {
  await app.whenReady();
  const log = openLog();
  const natives = await checkNativeModules();
  if (!natives.ok) {
    const detail = describeNativeFailures(natives, 'electron');
    log(detail);
    const choice = dialog.showMessageBoxSync({
      type: 'error',
      title: 'IoT Lab',
      message: `IoT Lab cannot load ${natives.failures.map((failure) => failure.name).join(' and ')}.`,
      detail,
      buttons: ['Quit', 'Continue anyway'],
      defaultId: 0,
      cancelId: 0,
    });
    if (choice === 0) {
      app.quit();
      return;
    }
  }
  const core = createApiCore({
    labDir: process.env.IOTLAB_DIR ?? path.join(app.getPath('userData'), 'lab'),
    app: { name: 'IoT Lab', version: app.getVersion(), electronVersion: process.versions.electron },
    log,
    // AWS mode's credentials, encrypted by the OS (Keychain, DPAPI, libsecret); outside the lab folder.
    secrets: safeStorageSecretStore(path.join(app.getPath('userData'), 'aws-credentials.bin')),
  });
  const unregisterIpc = registerIpc(core, isTrustedUrl);
  // Nothing in the renderer needs a permission except writing to the clipboard (copy buttons).
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'clipboard-sanitized-write'),
  );
  Menu.setApplicationMenu(buildMenu(core));

  let window = createWindow();
  app.on('second-instance', () => {
    if (window.isDestroyed()) window = createWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    unregisterIpc();
    void core.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}

if (app.requestSingleInstanceLock()) {
  void start();
} else {
  app.quit();
}
