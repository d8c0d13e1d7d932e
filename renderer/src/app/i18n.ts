import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { chartsMessages } from '../features/charts/messages';
import { consoleMessages } from '../features/console/messages';
import { homeMessages } from '../features/home/messages';
import { instructorMessages } from '../features/instructor/messages';
import { lessonsMessages } from '../features/lessons/messages';
import { mqttMessages } from '../features/mqtt/messages';
import { settingsMessages } from '../features/settings/messages';
import { sqlMessages } from '../features/sql/messages';
import { stationsMessages } from '../features/stations/messages';
import { appMessages } from './messages';

/**
 * English and French from the start. Each feature owns its messages (one i18next namespace per
 * feature); French is typed from English, so a missing or extra key is a compile error.
 */
export type Catalog<T> = { [K in keyof T]: T[K] extends string ? string : Catalog<T[K]> };

export const languages = [
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
] as const;
export type Language = (typeof languages)[number]['code'];

const resources = {
  en: {
    app: appMessages.en,
    home: homeMessages.en,
    lessons: lessonsMessages.en,
    stations: stationsMessages.en,
    console: consoleMessages.en,
    mqtt: mqttMessages.en,
    sql: sqlMessages.en,
    charts: chartsMessages.en,
    instructor: instructorMessages.en,
    settings: settingsMessages.en,
  },
  fr: {
    app: appMessages.fr,
    home: homeMessages.fr,
    lessons: lessonsMessages.fr,
    stations: stationsMessages.fr,
    console: consoleMessages.fr,
    mqtt: mqttMessages.fr,
    sql: sqlMessages.fr,
    charts: chartsMessages.fr,
    instructor: instructorMessages.fr,
    settings: settingsMessages.fr,
  },
} satisfies Record<Language, unknown>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'app';
    resources: (typeof resources)['en'];
  }
}

const STORAGE_KEY = 'iotlab.language';

function isLanguage(value: unknown): value is Language {
  return languages.some((language) => language.code === value);
}

/** The remembered choice, else the first of the browser's (the OS's, in Electron) we speak. */
function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export async function initI18n(): Promise<void> {
  i18next.on('languageChanged', (language) => {
    document.documentElement.lang = language;
  });
  await i18next.use(initReactI18next).init({
    resources,
    lng: initialLanguage(),
    fallbackLng: 'en',
    supportedLngs: languages.map((language) => language.code),
    defaultNS: 'app',
    ns: ['app', 'home', 'lessons', 'stations', 'console', 'mqtt', 'charts', 'sql', 'instructor', 'settings'],
    interpolation: { escapeValue: false },
  });
}

export function changeLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
}

export function currentLanguage(language: string): Language {
  return isLanguage(language) ? language : 'en';
}
