import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { FleetProgress, FleetResource, FleetStep, StationsOverview } from '../../api/contract';
import { useAction, useEvent } from '../../api/hooks';
import { ChipIcon, WandIcon } from '../../components/icons';
import { StatusPill } from '../../components/status-pill';
import { formatClock, formatPercent } from './format';
import { StepLabel } from './step-label';

function useStepText(): (step: FleetStep) => string {
  const { t, i18n } = useTranslation('stations');
  return (step) => {
    switch (step.kind) {
      case 'thing-type':
      case 'policy':
      case 'bucket':
        return t(`fleet.step.${step.kind}`, { name: step.name });
      case 'registration-started':
        return t('fleet.step.registration-started', { taskId: step.taskId });
      case 'registration-progress':
        return t('fleet.step.registration-progress', {
          percent: formatPercent(i18n.language, step.percent / 100),
        });
      case 'certificate':
        return t('fleet.step.certificate', { thingName: step.thingName });
      case 'done':
        return t('fleet.step.done', { created: step.created, reused: step.reused });
      case 'failed':
        return t('fleet.step.failed', { message: step.message });
      case 'other':
        return step.text;
    }
  };
}

function useResourceText(): (resource: FleetResource) => string {
  const { t } = useTranslation('stations');
  return (resource) => {
    switch (resource.kind) {
      case 'registration':
        return t('fleet.resource.registration', { things: resource.things });
      case 'other':
        return resource.text;
      default:
        return t(`fleet.resource.${resource.kind}`, { name: resource.name });
    }
  };
}

/** Bulk-registration progress arrives every half second: the log keeps only its latest line. */
function appendStep(log: FleetProgress[], next: FleetProgress): FleetProgress[] {
  const last = log.at(-1);
  if (last?.step.kind === 'registration-progress' && next.step.kind === 'registration-progress') {
    return [...log.slice(0, -1), next];
  }
  return [...log, next];
}

function ResourceList({ title, resources }: { title: string; resources: FleetResource[] }) {
  const { t } = useTranslation('stations');
  const text = useResourceText();
  const id = useId();
  return (
    <div className="report-group">
      <h4 id={id}>
        {title} <span className="report-count">{resources.length}</span>
      </h4>
      {resources.length === 0 ? (
        <p className="muted">{t('fleet.nothing')}</p>
      ) : (
        <ul className="chips" aria-labelledby={id}>
          {resources.map((resource) => {
            const label = text(resource);
            return (
              <li key={label} className="chip" title={label}>
                {label}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Step 2: "Do it for me" for the fleet, with its live log and its report. */
export function FleetCard({
  overview,
  accountId,
  onProvisioned,
}: {
  overview: StationsOverview;
  accountId: string | undefined;
  onProvisioned: () => void;
}) {
  const { t, i18n } = useTranslation('stations');
  const titleId = useId();
  const bucketId = useId();
  const bucketHintId = useId();
  const reportId = useId();
  const provision = useAction('fleet.provision');
  const [log, setLog] = useState<FleetProgress[]>([]);
  const [bucket, setBucket] = useState('');
  // What "Do it for me" does matters before it runs; afterwards the report says what it did.
  const [planOpen, setPlanOpen] = useState(!overview.fleetReady);
  const stepText = useStepText();
  useEvent('fleet.progress', (next) => setLog((previous) => appendStep(previous, next)));
  // The log follows its latest line, like a terminal.
  const logRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (logRef.current) logRef.current.scrollTop = logRef.current.scrollHeight;
  }, [log]);

  const ready = overview.stations.filter((station) => station.device.status === 'ready').length;
  const total = overview.stations.length;
  const defaultBucket = accountId ? `iot-tutorial-things-template-${accountId}` : '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setLog([]);
    provision.reset();
    const templatesBucket = bucket.trim();
    const result = await provision.run(templatesBucket ? { templatesBucket } : {});
    if (!result.ok) return;
    setPlanOpen(false);
    onProvisioned();
  };

  const report = provision.data;
  return (
    <section className="card fleet-card" aria-labelledby={titleId}>
      <header className="card-header">
        <span className="card-icon" aria-hidden="true">
          <ChipIcon />
        </span>
        <div>
          <StepLabel number={2} />
          <h2 id={titleId}>{t('fleet.title')}</h2>
          <p className="card-lead">{t('fleet.lead')}</p>
        </div>
        <StatusPill tone={ready === total ? 'success' : ready > 0 ? 'warning' : 'neutral'}>
          {t('fleet.readyCount', { ready, total })}
        </StatusPill>
      </header>

      <details className="plan" open={planOpen} onToggle={(event) => setPlanOpen(event.currentTarget.open)}>
        <summary className="plan-title">{t('fleet.planTitle')}</summary>
        <ul>
          <li>
            <Trans t={t} i18nKey="fleet.planThingType" components={[<code key="code" />]} />
          </li>
          <li>
            <Trans t={t} i18nKey="fleet.planPolicy" components={[<code key="code" />]} />
          </li>
          <li>
            <Trans t={t} i18nKey="fleet.planThings" components={[<code key="code" />]} />
          </li>
          <li>
            <Trans
              t={t}
              i18nKey="fleet.planCertificates"
              values={{ folder: overview.devicesDir }}
              components={[<code key="code" className="path" />]}
            />
          </li>
        </ul>
        <p className="plan-safe">{t('fleet.planSafe')}</p>
      </details>

      <form className="fleet-form" onSubmit={submit}>
        <div className="field">
          <label className="field-label" htmlFor={bucketId}>
            {t('fleet.bucket')}
          </label>
          <input
            id={bucketId}
            className="text-input mono"
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder={defaultBucket}
            aria-describedby={bucketHintId}
            value={bucket}
            disabled={provision.pending}
            onChange={(event) => setBucket(event.target.value)}
          />
          <span id={bucketHintId} className="field-hint">
            {t('fleet.bucketHint')}
          </span>
        </div>
        <button type="submit" className="button button-wide" disabled={provision.pending}>
          <WandIcon />
          {provision.pending ? t('fleet.provisioning') : t('fleet.provision')}
        </button>
      </form>

      {log.length > 0 && (
        <ol ref={logRef} className="log" aria-label={t('fleet.logTitle')} aria-live="polite">
          {log.map((entry, index) => (
            <li key={`${entry.at}-${index}`} className={`log-line log-${entry.step.kind}`}>
              <time dateTime={entry.at}>{formatClock(i18n.language, entry.at)}</time>
              <span>{stepText(entry.step)}</span>
            </li>
          ))}
        </ol>
      )}

      {provision.error && (
        <p className="notice notice-danger" role="alert">
          {provision.error.message}
        </p>
      )}

      {report && (
        <section className="report" aria-labelledby={reportId}>
          <h3 id={reportId} className="visually-hidden">
            {t('fleet.reportTitle')}
          </h3>
          <p className="notice notice-success" role="status">
            {t('fleet.reportSummary', { created: report.created.length, reused: report.reused.length })}
          </p>
          <div className="report-groups">
            <ResourceList title={t('fleet.created')} resources={report.created} />
            <ResourceList title={t('fleet.reused')} resources={report.reused} />
          </div>
        </section>
      )}
    </section>
  );
}
