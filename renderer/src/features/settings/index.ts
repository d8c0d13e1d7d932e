export { SettingsPage } from './settings-page';
export { SettingsIcon } from './icons';
