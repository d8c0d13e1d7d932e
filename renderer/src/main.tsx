import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-provider';
import { connectToMain } from './api/connection';
import { App } from './app/app';
import { initI18n } from './app/i18n';
import { applyTheme, initialTheme } from './app/theme';
import './styles/global.css';

// The theme is applied before the first render, so a dark-theme user never sees a light flash.
applyTheme(initialTheme());
await initI18n();

const api = connectToMain();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ApiProvider api={api}>
      <App />
    </ApiProvider>
  </StrictMode>,
);
