import type { Catalog } from './i18n';

const en = {
  brand: 'IoT Lab',
  tagline: 'AWS IoT data pipeline',
  skipToContent: 'Skip to content',
  nav: {
    label: 'Main',
    home: 'Home',
    lessons: 'Lessons',
    stations: 'Stations',
    iot: 'AWS IoT',
    s3: 'S3',
    firehose: 'Firehose',
    dynamodb: 'DynamoDB',
    mqtt: 'MQTT test client',
    sections: { console: 'Console' },
  },
  mode: {
    offline: 'Offline',
    aws: 'AWS',
    offlineHint: 'Local cloud on this computer',
    awsHint: 'Your AWS account',
  },
  language: 'Language',
  darkTheme: 'Dark theme',
  cloudState: { starting: 'Starting', running: 'Running', stopped: 'Stopped', error: 'Error' },
  localCloud: 'Local cloud',
  transport: { ipc: 'Desktop app', websocket: 'Web mode' },
  version: 'Version {{version}}',
  disconnected: 'The connection to IoT Lab is lost. Once it runs again, reload this page.',
  reload: 'Reload',
} as const;

const fr: Catalog<typeof en> = {
  brand: 'IoT Lab',
  tagline: 'Pipeline de données AWS IoT',
  skipToContent: 'Aller au contenu',
  nav: {
    label: 'Principal',
    home: 'Accueil',
    lessons: 'Leçons',
    stations: 'Stations',
    iot: 'AWS IoT',
    s3: 'S3',
    firehose: 'Firehose',
    dynamodb: 'DynamoDB',
    mqtt: 'Client de test MQTT',
    sections: { console: 'Console' },
  },
  mode: {
    offline: 'Hors ligne',
    aws: 'AWS',
    offlineHint: 'Cloud local sur cet ordinateur',
    awsHint: 'Votre compte AWS',
  },
  language: 'Langue',
  darkTheme: 'Thème sombre',
  cloudState: { starting: 'Démarrage', running: 'En marche', stopped: 'Arrêté', error: 'Erreur' },
  localCloud: 'Cloud local',
  transport: { ipc: 'Application de bureau', websocket: 'Mode web' },
  version: 'Version {{version}}',
  disconnected: 'La connexion à IoT Lab est perdue. Quand il tournera de nouveau, rechargez cette page.',
  reload: 'Recharger',
};

export const appMessages = { en, fr };
