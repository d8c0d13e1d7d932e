import { useTranslation } from 'react-i18next';
import { useCloudStatus } from '../api/cloud';
import { useConnectionState, useEvent, useRequest } from '../api/hooks';
import { GlobeIcon, LogoMark, MoonIcon, SunIcon } from '../components/icons';
import { StatusPill } from '../components/status-pill';
// Its own module, not the feature's index: the index leads back to pages.ts (an import cycle).
import { ExpiredCredentialsPrompt } from '../features/settings/expired-prompt';
import { cloudStateTone } from './cloud-state';
import { changeLanguage, currentLanguage, languages } from './i18n';
import { pages } from './pages';
import { useTheme } from './theme';
import { useRoute } from './use-route';

/** The app shell: sidebar (pages, cloud state), top bar (mode, language, theme), the page. */
export function App() {
  const { t, i18n } = useTranslation('app');
  const [theme, setTheme] = useTheme();
  const route = useRoute();
  const connection = useConnectionState();
  const info = useRequest('app.info');
  const status = useCloudStatus();
  const Page = route.component;
  // AWS mode switches (Settings) reach every window: the badge follows.
  useEvent('aws.status', () => info.reload());
  const mode = info.data?.mode;

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="sidebar-inner">
          <div className="brand">
            <span className="brand-mark">
              <LogoMark width="22" height="22" />
            </span>
            <span className="brand-text">
              <span className="brand-name">{t('brand')}</span>
              <span className="brand-tagline">{t('tagline')}</span>
            </span>
          </div>
          <nav aria-label={t('nav.label')} className="nav">
            <ul>
              {pages.map(({ id, navLabel, icon: Icon, section }) => (
                <li key={id}>
                  {section && <span className="nav-section">{t(`nav.sections.${section}`)}</span>}
                  <a
                    href={`#/${id}`}
                    className="nav-link"
                    aria-current={route.id === id ? 'page' : undefined}
                  >
                    <Icon />
                    {t(`nav.${navLabel}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div className="sidebar-footer">
            <div className="sidebar-cloud">
              <span className="sidebar-label">{t('localCloud')}</span>
              {status.data && (
                <StatusPill tone={cloudStateTone(status.data.state)} pulse={status.data.state === 'starting'}>
                  {t(`cloudState.${status.data.state}`)}
                </StatusPill>
              )}
            </div>
            {info.data && (
              <p className="sidebar-meta">
                {t('version', { version: info.data.version })} · {t(`transport.${info.data.transport}`)}
              </p>
            )}
          </div>
        </div>
      </aside>

      <div className="workspace">
        <header className="topbar">
          {mode && (
            <span className={`mode-badge mode-${mode}`} title={t(`mode.${mode}Hint`)}>
              <span className="mode-dot" aria-hidden="true" />
              {t(`mode.${mode}`)}
              <span className="mode-hint">{t(`mode.${mode}Hint`)}</span>
            </span>
          )}
          <div className="topbar-actions">
            <label className="language-picker">
              <GlobeIcon />
              <span className="visually-hidden">{t('language')}</span>
              <select
                value={currentLanguage(i18n.language)}
                onChange={(event) => changeLanguage(currentLanguage(event.target.value))}
              >
                {languages.map(({ code, label }) => (
                  <option key={code} value={code} lang={code}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="icon-button theme-toggle"
              aria-pressed={theme === 'dark'}
              aria-label={t('darkTheme')}
              title={t('darkTheme')}
              onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
            >
              {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
            </button>
          </div>
        </header>

        {connection === 'closed' && (
          <div className="banner banner-danger" role="alert">
            <span>{t('disconnected')}</span>
            <button type="button" className="button" onClick={() => location.reload()}>
              {t('reload')}
            </button>
          </div>
        )}

        <main id="main" className="page" tabIndex={-1}>
          <Page />
        </main>
        <ExpiredCredentialsPrompt />
      </div>
    </div>
  );
}
