import type {
  AutomationVerb,
  CheckHintKey,
  KeptReason,
  LessonResourceKind,
  LessonService,
} from '../../api/contract';
import type { Catalog } from '../../app/i18n';

/** What "Check my work" says when it is red: one text per hint key of the contract (a missing one does not compile). */
const hintEn = {
  'cloud-unreachable': 'The cloud did not answer: {{message}}',
  'service-unavailable': 'This service is not available in the local cloud yet ({{message}}).',
  'bucket-missing': 'The bucket {{bucket}} does not exist yet.',
  'thing-missing': 'There is no thing named {{thing}} yet.',
  'thing-no-certificate': '{{thing}} has no certificate attached yet.',
  'certificate-inactive':
    'The certificate {{certificate}}… of {{thing}} is {{status}}: only an ACTIVE certificate can connect.',
  'policy-missing': 'There is no policy named {{policy}} yet.',
  'policy-does-not-allow': 'The policy {{policy}} does not allow {{action}}.',
  'policy-not-attached':
    'The certificate of {{thing}} has no policy {{policy}} attached: without one, the device cannot even connect.',
  'device-files-missing':
    'The certificate and private key of {{thing}} are not in {{folder}}: the check listens with them.',
  'mqtt-connect-failed': 'Could not connect as {{thing}}: {{message}}',
  'no-messages':
    'Nothing arrived on {{topic}} in {{seconds}} seconds. Is your loop (or the replay) publishing right now?',
  'fleet-things-missing': '{{count}} of the {{total}} stations are not registered yet: {{missing}}.',
  'fleet-thing-type': '{{thing}} has the type {{type}}; the lab’s template gives it the type {{expected}}.',
  'fleet-files-missing':
    'The replay needs the certificate and key of {{thing}} in {{folder}}, those of its ACTIVE certificate, and they are not there.',
  'readings-missing': 'The {{year}} readings are missing for: {{stations}}.',
  'rule-missing': 'There is no rule named {{rule}} yet.',
  'rule-disabled': 'The rule {{rule}} is disabled: it ignores every message.',
  'rule-sql-unreadable': 'The SQL of {{rule}} cannot be read: {{message}}',
  'rule-wrong-topic': 'The rule {{rule}} reads {{topic}}; it should read {{expected}}.',
  'rule-where-compares-object': 'The rule’s SQL compares {{field}}, an object: compare {{field}}.value.',
  'rule-drops-message':
    'The rule {{rule}} ignores a reading of station {{station}} at {{value}} °C that it should keep.',
  'rule-keeps-message':
    'The rule {{rule}} keeps a reading of station {{station}} at {{value}} °C that it should leave out: look at its WHERE clause.',
  'rule-missing-field': 'The result of {{rule}} has no field {{field}}.',
  'rule-extra-field': 'The result of {{rule}} has a field {{field}} it should not have.',
  'rule-field-value': 'The field {{field}} of the result of {{rule}} does not hold the expected value.',
  'rule-sql-version': 'The rule {{rule}} uses SQL version {{version}}; use {{expected}}.',
  'rule-action-missing': 'The rule {{rule}} has no {{action}} action.',
  'rule-action-left': 'The rule {{rule}} still has its {{action}} action: remove it.',
  'rule-s3-bucket': 'The S3 action of {{rule}} writes to {{bucket}}; it should write to {{expected}}.',
  'rule-s3-key': 'The S3 action’s key is {{key}}; it should be {{expected}}.',
  'rule-firehose-stream':
    'The Firehose action of {{rule}} sends to {{stream}}; it should send to {{expected}}.',
  'rule-firehose-separator':
    'The Firehose action’s separator is {{separator}}; use {{expected}}, so that each record gets a line of its own.',
  'rule-dynamodb-table':
    'The DynamoDB action of {{rule}} writes to {{table}}; it should write to {{expected}}.',
  'no-objects':
    'No object under {{prefix}} in {{bucket}} yet. Does the rule exist, and is the replay running?',
  'stream-missing': 'There is no delivery stream named {{stream}} yet.',
  'stream-not-active': 'The delivery stream {{stream}} is {{status}}: wait until it is ACTIVE.',
  'stream-wrong-bucket': '{{stream}} delivers to {{bucket}}; it should deliver to {{expected}}.',
  'stream-buffer-interval':
    '{{stream}} waits up to {{seconds}} s before writing a file; set its buffer interval to {{expected}} s.',
  'no-delivered-objects':
    '{{stream}} has not delivered any file to {{bucket}} yet. Does the rule send to it, and is the replay running?',
  'records-glued':
    'In {{key}}, the records are glued together on one line (…}{…): give the rule’s Firehose action the separator \\n.',
  'records-blank-lines':
    '{{key}} has empty lines between records: the messages already end with a newline, so the separator adds one too many.',
  'table-missing': 'There is no DynamoDB table named {{table}} yet.',
  'table-not-active': 'The table {{table}} is {{status}}: wait until it is ACTIVE.',
  'table-partition-key': 'The partition key of {{table}} is {{key}}; it should be {{expected}}.',
  'table-sort-key': 'The sort key of {{table}} is {{key}}; it should be {{expected}}.',
  'no-items':
    'No item in {{table}} yet. Cold readings only arrive while the replay runs and the rule exists.',
  'item-missing-field':
    'An item of {{table}} has no attribute {{field}}: look at the renames (AS) in the rule.',
  'item-too-warm':
    'An item of {{table}} ({{station}}, {{time}}) holds {{value}} °C: the rule should keep only readings below {{limit}} °C.',
  'database-missing': 'There is no Glue database named {{database}} yet.',
  'database-empty': 'The database {{database}} has no table yet: did the crawler read your data lake?',
  'crawler-missing': 'There is no crawler named {{crawler}} yet.',
  'crawler-path': 'The crawler {{crawler}} reads {{path}}; it should read {{expected}}.',
  'crawler-exclusion':
    'The crawler {{crawler}} does not exclude {{pattern}}: the one-object-per-message files would end up in the table.',
  'crawler-database':
    'The crawler {{crawler}} writes to the database {{database}}; it should write to {{expected}}.',
  'crawler-sample-size':
    'The crawler {{crawler}} samples {{size}} files per folder; it should sample {{expected}}.',
  'crawler-recrawl': 'The crawler {{crawler}} does not crawl new sub-folders only.',
  'crawler-partitions':
    'The crawler {{crawler}} does not update all new and existing partitions with metadata from the table yet.',
  'crawler-never-ran': 'The crawler {{crawler}} has never run.',
  'crawler-running': 'The crawler {{crawler}} is {{state}}: wait until it is READY.',
  'crawler-failed': 'The last run of {{crawler}} failed: {{message}}',
  'crawler-rerun': 'The crawler {{crawler}} has changed since its last run: run it again.',
  'catalog-table-missing': 'The table {{table}} is not in the database {{database}} yet.',
  'catalog-column-missing': 'The table {{table}} has no column {{column}}.',
  'catalog-column-nested':
    'The column {{column}} of {{table}} is {{type}}: the flat table should only have simple columns.',
  'athena-no-output': 'The work group {{workgroup}} has no query result location yet.',
  'athena-output-bucket':
    'The work group {{workgroup}} writes its results to {{location}}; use {{expected}}.',
  'athena-no-query': 'No query on {{table}} has run yet.',
  'athena-query-lacks':
    'Your latest query on {{table}} has no {{fragment}}: it does not do this step’s work yet.',
  'athena-query-failed': 'Your latest query on {{table}} failed: {{message}}',
  'athena-partition-mismatch':
    'Athena refused the table’s partitions (HIVE_PARTITION_SCHEMA_MISMATCH): do the last step of lesson 06, then query again.',
  'athena-missing-unnest':
    'Your latest query on {{table}} does not unnest weather_condition: it is an array, use CROSS JOIN UNNEST.',
  'athena-sentinel':
    'Your result still counts NOAA’s “missing” value {{value}}: filter it out (for example WHERE air_temperature.value <> {{value}}).',
  'athena-rows': 'Your result has {{rows}} rows; this step expects between {{min}} and {{max}}.',
} satisfies Record<CheckHintKey, string>;

const resourceEn = {
  bucket: 'bucket',
  thing: 'thing',
  'thing-type': 'thing type',
  certificate: 'certificate',
  'thing-principal': 'certificate attachment',
  policy: 'policy',
  'policy-attachment': 'policy attachment',
  'device-files': 'device files',
  fleet: 'fleet',
  'publish-loop': 'publish loop',
  replay: 'replay',
  'topic-rule': 'rule',
  'delivery-stream': 'delivery stream',
  'dynamodb-table': 'DynamoDB table',
  'glue-database': 'Glue database',
  'glue-crawler': 'crawler',
  'crawler-run': 'crawler run',
  'catalog-table': 'catalog table',
  'athena-workgroup': 'work group',
  'athena-query': 'query',
} satisfies Record<LessonResourceKind, string>;

const verbEn = {
  create: 'Creating the {{kind}} {{name}}',
  reuse: 'The {{kind}} {{name}} is already there',
  update: 'Updating the {{kind}} {{name}}',
  start: 'Starting the {{kind}} {{name}}',
  wait: 'Waiting for the {{kind}} {{name}}',
  run: 'Running the {{kind}} {{name}}',
} satisfies Record<AutomationVerb, string>;

const serviceEn = {
  iot: 'IoT Core',
  s3: 'S3',
  firehose: 'Firehose',
  dynamodb: 'DynamoDB',
  glue: 'Glue',
  athena: 'Athena',
  sts: 'STS',
} satisfies Record<LessonService, string>;

const keptEn = {
  'not-empty': 'kept: not empty',
  'in-use': 'kept: still in use',
  error: 'kept: could not be removed',
} satisfies Record<KeptReason, string>;

const en = {
  title: 'Lessons',
  lead: 'The hands-on lab, step by step: from a first device to charts of a year of weather. Every step can be checked, and done for you if you are stuck.',
  problems: 'Some lesson files could not be loaded:',
  lessonNumber: 'Lesson {{number}}',
  minutes: '{{count}} min',
  stepsDone: '{{done}} of {{total}} steps done',
  progressLabel: 'Progress of {{title}}',
  overall: 'Overall: {{done}} of {{total}} steps',
  start: 'Start',
  continue: 'Continue',
  startLesson: 'Start: {{title}}',
  continueLesson: 'Continue: {{title}}',
  review: 'Review',
  completed: 'Completed',
  inProgress: 'In progress',
  notStarted: 'Not started',
  backToList: 'All lessons',
  objectives: 'Objectives',
  services: 'Services',
  duration: 'Duration',
  stepsHeading: 'Steps',
  stepNumber: 'Step {{number}}',
  status: { done: 'Done', todo: 'To do', failed: 'Not yet' },
  expand: 'Show step',
  collapse: 'Hide step',
  check: 'Check my work',
  checking: 'Checking…',
  checkingWait: 'Checking… (watching for up to {{seconds}} s)',
  automate: 'Do it for me',
  automating: 'Working…',
  markDone: 'Mark as done',
  markTodo: 'Mark as not done',
  resetStep: 'Reset this step',
  resetLesson: 'Reset lesson',
  resetting: 'Resetting…',
  confirmResetStep: 'Reset this step? What “Do it for me” created in it will be removed; nothing else.',
  confirmResetLesson:
    'Reset the whole lesson? What “Do it for me” created in it will be removed; nothing else.',
  cancel: 'Cancel',
  confirm: 'Reset',
  checkOk: 'Well done: your work checks out.',
  checkFailed: 'Not yet.',
  manualNote: 'This step has nothing to check: mark it as done when you have read and tried it.',
  waitNote: '“Check my work” watches the cloud for up to {{seconds}} seconds.',
  hints: 'Hints',
  showHint: 'Show a hint ({{next}} of {{total}})',
  hintLabel: 'Hint {{number}}',
  noMoreHints: 'No more hints.',
  solution: 'Solution',
  showSolution: 'Show the solution',
  hideSolution: 'Hide the solution',
  automationLog: 'What “Do it for me” is doing',
  result: {
    title: 'Done for you',
    created: 'Created',
    updated: 'Changed',
    reused: 'Already there',
    started: 'Running',
    nothing: 'Nothing needed doing.',
    table: 'First rows of the result',
  },
  reset: {
    title: 'Reset',
    removed: 'Removed or stopped',
    restored: 'Put back as it was',
    kept: 'Left in place',
    nothing: 'Nothing to remove: “Do it for me” had not created anything here.',
  },
  resource: resourceEn,
  resourceName: '{{kind}} {{name}}',
  verb: verbEn,
  service: serviceEn,
  kept: keptEn,
  hint: hintEn,
  previous: 'Previous: {{title}}',
  next: 'Next: {{title}}',
  export: {
    button: 'Export progress',
    exporting: 'Exporting…',
    title: 'Progress report',
    saved: 'Saved in {{folder}}',
    markdown: 'Markdown',
    html: 'Web page',
    json: 'JSON',
    download: 'Download the {{format}} report',
  },
  code: {
    copy: 'Copy {{language}} code',
    copied: 'Copied',
    failed: 'Could not copy',
  },
  pageSoon: '(page coming soon)',
  notFound: 'There is no lesson {{id}}.',
} as const;

const fr: Catalog<typeof en> = {
  title: 'Leçons',
  lead: 'Le lab pas à pas : d’un premier appareil aux graphiques d’une année de météo. Chaque étape peut être vérifiée, et faite pour vous si vous êtes bloqué.',
  problems: 'Certains fichiers de leçons n’ont pas pu être chargés :',
  lessonNumber: 'Leçon {{number}}',
  minutes: '{{count}} min',
  stepsDone: '{{done}} étapes sur {{total}} faites',
  progressLabel: 'Progression de {{title}}',
  overall: 'En tout : {{done}} étapes sur {{total}}',
  start: 'Commencer',
  continue: 'Continuer',
  startLesson: 'Commencer : {{title}}',
  continueLesson: 'Continuer : {{title}}',
  review: 'Revoir',
  completed: 'Terminée',
  inProgress: 'En cours',
  notStarted: 'Pas commencée',
  backToList: 'Toutes les leçons',
  objectives: 'Objectifs',
  services: 'Services',
  duration: 'Durée',
  stepsHeading: 'Étapes',
  stepNumber: 'Étape {{number}}',
  status: { done: 'Faite', todo: 'À faire', failed: 'Pas encore' },
  expand: 'Afficher l’étape',
  collapse: 'Masquer l’étape',
  check: 'Vérifier mon travail',
  checking: 'Vérification…',
  checkingWait: 'Vérification… (observation jusqu’à {{seconds}} s)',
  automate: 'Le faire pour moi',
  automating: 'En cours…',
  markDone: 'Marquer comme faite',
  markTodo: 'Marquer comme non faite',
  resetStep: 'Réinitialiser l’étape',
  resetLesson: 'Réinitialiser la leçon',
  resetting: 'Réinitialisation…',
  confirmResetStep:
    'Réinitialiser cette étape ? Ce que « Le faire pour moi » y a créé sera supprimé, et rien d’autre.',
  confirmResetLesson:
    'Réinitialiser toute la leçon ? Ce que « Le faire pour moi » y a créé sera supprimé, et rien d’autre.',
  cancel: 'Annuler',
  confirm: 'Réinitialiser',
  checkOk: 'Bravo : votre travail est vérifié.',
  checkFailed: 'Pas encore.',
  manualNote: 'Cette étape n’a rien à vérifier : marquez-la comme faite quand vous l’avez lue et essayée.',
  waitNote: '« Vérifier mon travail » observe le cloud jusqu’à {{seconds}} secondes.',
  hints: 'Indices',
  showHint: 'Voir un indice ({{next}} sur {{total}})',
  hintLabel: 'Indice {{number}}',
  noMoreHints: 'Plus d’indice.',
  solution: 'Solution',
  showSolution: 'Voir la solution',
  hideSolution: 'Masquer la solution',
  automationLog: 'Ce que fait « Le faire pour moi »',
  result: {
    title: 'Fait pour vous',
    created: 'Créé',
    updated: 'Modifié',
    reused: 'Déjà là',
    started: 'En marche',
    nothing: 'Il n’y avait rien à faire.',
    table: 'Premières lignes du résultat',
  },
  reset: {
    title: 'Réinitialisation',
    removed: 'Supprimé ou arrêté',
    restored: 'Remis comme avant',
    kept: 'Laissé en place',
    nothing: 'Rien à supprimer : « Le faire pour moi » n’avait rien créé ici.',
  },
  resource: {
    bucket: 'compartiment',
    thing: 'objet',
    'thing-type': 'type d’objet',
    certificate: 'certificat',
    'thing-principal': 'attachement de certificat',
    policy: 'stratégie',
    'policy-attachment': 'attachement de stratégie',
    'device-files': 'fichiers de l’appareil',
    fleet: 'flotte',
    'publish-loop': 'boucle de publication',
    replay: 'rejeu',
    'topic-rule': 'règle',
    'delivery-stream': 'flux de diffusion',
    'dynamodb-table': 'table DynamoDB',
    'glue-database': 'base Glue',
    'glue-crawler': 'crawler',
    'crawler-run': 'exécution du crawler',
    'catalog-table': 'table du catalogue',
    'athena-workgroup': 'groupe de travail',
    'athena-query': 'requête',
  },
  resourceName: '{{kind}} {{name}}',
  verb: {
    create: 'Création : {{kind}} {{name}}',
    reuse: 'Déjà là : {{kind}} {{name}}',
    update: 'Modification : {{kind}} {{name}}',
    start: 'Démarrage : {{kind}} {{name}}',
    wait: 'Attente : {{kind}} {{name}}',
    run: 'Exécution : {{kind}} {{name}}',
  },
  service: {
    iot: 'IoT Core',
    s3: 'S3',
    firehose: 'Firehose',
    dynamodb: 'DynamoDB',
    glue: 'Glue',
    athena: 'Athena',
    sts: 'STS',
  },
  kept: {
    'not-empty': 'gardé : pas vide',
    'in-use': 'gardé : encore utilisé',
    error: 'gardé : suppression impossible',
  },
  hint: {
    'cloud-unreachable': 'Le cloud n’a pas répondu : {{message}}',
    'service-unavailable': 'Ce service n’est pas encore disponible dans le cloud local ({{message}}).',
    'bucket-missing': 'Le compartiment {{bucket}} n’existe pas encore.',
    'thing-missing': 'Aucun objet ne s’appelle encore {{thing}}.',
    'thing-no-certificate': '{{thing}} n’a encore aucun certificat attaché.',
    'certificate-inactive':
      'Le certificat {{certificate}}… de {{thing}} est {{status}} : seul un certificat ACTIVE peut se connecter.',
    'policy-missing': 'Aucune stratégie ne s’appelle encore {{policy}}.',
    'policy-does-not-allow': 'La stratégie {{policy}} n’autorise pas {{action}}.',
    'policy-not-attached':
      'Le certificat de {{thing}} n’a pas la stratégie {{policy}} : sans stratégie, l’appareil ne peut même pas se connecter.',
    'device-files-missing':
      'Le certificat et la clé privée de {{thing}} ne sont pas dans {{folder}} : la vérification écoute avec eux.',
    'mqtt-connect-failed': 'Connexion impossible en tant que {{thing}} : {{message}}',
    'no-messages':
      'Rien n’est arrivé sur {{topic}} en {{seconds}} secondes. Votre boucle (ou le rejeu) publie-t-elle en ce moment ?',
    'fleet-things-missing': '{{count}} des {{total}} stations ne sont pas encore enregistrées : {{missing}}.',
    'fleet-thing-type': '{{thing}} a le type {{type}} ; le modèle du lab lui donne le type {{expected}}.',
    'fleet-files-missing':
      'Le rejeu a besoin du certificat et de la clé de {{thing}} dans {{folder}}, ceux de son certificat ACTIVE, et ils n’y sont pas.',
    'readings-missing': 'Il manque les relevés {{year}} de : {{stations}}.',
    'rule-missing': 'Aucune règle ne s’appelle encore {{rule}}.',
    'rule-disabled': 'La règle {{rule}} est désactivée : elle ignore tous les messages.',
    'rule-sql-unreadable': 'Le SQL de {{rule}} est illisible : {{message}}',
    'rule-wrong-topic': 'La règle {{rule}} lit {{topic}} ; elle devrait lire {{expected}}.',
    'rule-where-compares-object':
      'Le SQL de la règle compare {{field}}, un objet : comparez {{field}}.value.',
    'rule-drops-message':
      'La règle {{rule}} ignore un relevé de la station {{station}} à {{value}} °C qu’elle devrait garder.',
    'rule-keeps-message':
      'La règle {{rule}} garde un relevé de la station {{station}} à {{value}} °C qu’elle devrait écarter : regardez sa clause WHERE.',
    'rule-missing-field': 'Le résultat de {{rule}} n’a pas de champ {{field}}.',
    'rule-extra-field': 'Le résultat de {{rule}} a un champ {{field}} qu’il ne devrait pas avoir.',
    'rule-field-value': 'Le champ {{field}} du résultat de {{rule}} ne contient pas la valeur attendue.',
    'rule-sql-version': 'La règle {{rule}} utilise la version SQL {{version}} ; utilisez {{expected}}.',
    'rule-action-missing': 'La règle {{rule}} n’a pas d’action {{action}}.',
    'rule-action-left': 'La règle {{rule}} a encore son action {{action}} : supprimez-la.',
    'rule-s3-bucket':
      'L’action S3 de {{rule}} écrit dans {{bucket}} ; elle devrait écrire dans {{expected}}.',
    'rule-s3-key': 'La clé de l’action S3 est {{key}} ; elle devrait être {{expected}}.',
    'rule-firehose-stream':
      'L’action Firehose de {{rule}} envoie vers {{stream}} ; elle devrait envoyer vers {{expected}}.',
    'rule-firehose-separator':
      'Le séparateur de l’action Firehose est {{separator}} ; utilisez {{expected}}, pour que chaque enregistrement ait sa propre ligne.',
    'rule-dynamodb-table':
      'L’action DynamoDB de {{rule}} écrit dans {{table}} ; elle devrait écrire dans {{expected}}.',
    'no-objects':
      'Aucun objet sous {{prefix}} dans {{bucket}} pour l’instant. La règle existe-t-elle, et le rejeu tourne-t-il ?',
    'stream-missing': 'Aucun flux de diffusion ne s’appelle encore {{stream}}.',
    'stream-not-active': 'Le flux de diffusion {{stream}} est {{status}} : attendez qu’il soit ACTIVE.',
    'stream-wrong-bucket': '{{stream}} livre dans {{bucket}} ; il devrait livrer dans {{expected}}.',
    'stream-buffer-interval':
      '{{stream}} attend jusqu’à {{seconds}} s avant d’écrire un fichier ; réglez son intervalle de tampon sur {{expected}} s.',
    'no-delivered-objects':
      '{{stream}} n’a encore livré aucun fichier dans {{bucket}}. La règle l’alimente-t-elle, et le rejeu tourne-t-il ?',
    'records-glued':
      'Dans {{key}}, les enregistrements sont collés sur une seule ligne (…}{…) : donnez à l’action Firehose de la règle le séparateur \\n.',
    'records-blank-lines':
      '{{key}} a des lignes vides entre les enregistrements : les messages finissent déjà par un saut de ligne, le séparateur en ajoute un de trop.',
    'table-missing': 'Aucune table DynamoDB ne s’appelle encore {{table}}.',
    'table-not-active': 'La table {{table}} est {{status}} : attendez qu’elle soit ACTIVE.',
    'table-partition-key': 'La clé de partition de {{table}} est {{key}} ; elle devrait être {{expected}}.',
    'table-sort-key': 'La clé de tri de {{table}} est {{key}} ; elle devrait être {{expected}}.',
    'no-items':
      'Aucun élément dans {{table}} pour l’instant. Les relevés froids n’arrivent que si la règle existe et que le rejeu tourne.',
    'item-missing-field':
      'Un élément de {{table}} n’a pas d’attribut {{field}} : regardez les renommages (AS) de la règle.',
    'item-too-warm':
      'Un élément de {{table}} ({{station}}, {{time}}) indique {{value}} °C : la règle ne devrait garder que les relevés sous {{limit}} °C.',
    'database-missing': 'Aucune base Glue ne s’appelle encore {{database}}.',
    'database-empty':
      'La base {{database}} n’a encore aucune table : le crawler a-t-il lu votre lac de données ?',
    'crawler-missing': 'Aucun crawler ne s’appelle encore {{crawler}}.',
    'crawler-path': 'Le crawler {{crawler}} lit {{path}} ; il devrait lire {{expected}}.',
    'crawler-exclusion':
      'Le crawler {{crawler}} n’exclut pas {{pattern}} : les fichiers « un objet par message » finiraient dans la table.',
    'crawler-database':
      'Le crawler {{crawler}} écrit dans la base {{database}} ; il devrait écrire dans {{expected}}.',
    'crawler-sample-size':
      'Le crawler {{crawler}} échantillonne {{size}} fichiers par dossier ; il devrait en échantillonner {{expected}}.',
    'crawler-recrawl': 'Le crawler {{crawler}} n’explore pas seulement les nouveaux sous-dossiers.',
    'crawler-partitions':
      'Le crawler {{crawler}} ne met pas encore à jour les partitions, nouvelles et existantes, avec les métadonnées de la table.',
    'crawler-never-ran': 'Le crawler {{crawler}} n’a jamais été lancé.',
    'crawler-running': 'Le crawler {{crawler}} est {{state}} : attendez qu’il soit READY.',
    'crawler-failed': 'La dernière exécution de {{crawler}} a échoué : {{message}}',
    'crawler-rerun': 'Le crawler {{crawler}} a changé depuis sa dernière exécution : relancez-le.',
    'catalog-table-missing': 'La table {{table}} n’est pas encore dans la base {{database}}.',
    'catalog-column-missing': 'La table {{table}} n’a pas de colonne {{column}}.',
    'catalog-column-nested':
      'La colonne {{column}} de {{table}} est de type {{type}} : la table plate ne doit avoir que des colonnes simples.',
    'athena-no-output': 'Le groupe de travail {{workgroup}} n’a pas encore d’emplacement pour ses résultats.',
    'athena-output-bucket':
      'Le groupe de travail {{workgroup}} écrit ses résultats dans {{location}} ; utilisez {{expected}}.',
    'athena-no-query': 'Aucune requête sur {{table}} n’a encore été exécutée.',
    'athena-query-lacks':
      'Votre dernière requête sur {{table}} n’a pas de {{fragment}} : elle ne fait pas encore le travail de cette étape.',
    'athena-query-failed': 'Votre dernière requête sur {{table}} a échoué : {{message}}',
    'athena-partition-mismatch':
      'Athena a refusé les partitions de la table (HIVE_PARTITION_SCHEMA_MISMATCH) : faites la dernière étape de la leçon 06, puis relancez la requête.',
    'athena-missing-unnest':
      'Votre dernière requête sur {{table}} ne déplie pas weather_condition : c’est un tableau, utilisez CROSS JOIN UNNEST.',
    'athena-sentinel':
      'Votre résultat compte encore la valeur « manquante » de la NOAA, {{value}} : écartez-la (par exemple WHERE air_temperature.value <> {{value}}).',
    'athena-rows': 'Votre résultat a {{rows}} lignes ; cette étape en attend entre {{min}} et {{max}}.',
  },
  previous: 'Précédente : {{title}}',
  next: 'Suivante : {{title}}',
  export: {
    button: 'Exporter la progression',
    exporting: 'Export…',
    title: 'Rapport de progression',
    saved: 'Enregistré dans {{folder}}',
    markdown: 'Markdown',
    html: 'Page web',
    json: 'JSON',
    download: 'Télécharger le rapport {{format}}',
  },
  code: {
    copy: 'Copier le code {{language}}',
    copied: 'Copié',
    failed: 'Copie impossible',
  },
  pageSoon: '(page bientôt disponible)',
  notFound: 'Il n’y a pas de leçon {{id}}.',
};

export const lessonsMessages = { en, fr };
