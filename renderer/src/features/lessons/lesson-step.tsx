import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AutomationProgress,
  AutomationResult,
  CheckOutcome,
  LessonResource,
  LessonStepView,
  ResetReport,
  StepProgress,
} from '../../api/contract';
import { useAction, useEvent } from '../../api/hooks';
import { WandIcon } from '../../components/icons';
import { StatusPill, type Tone } from '../../components/status-pill';
import { CheckCircleIcon, ChevronIcon, CrossCircleIcon, LightbulbIcon, ResetIcon } from './icons';
import { Markdown } from './markdown';
import { useResourceText, useHintText, useProgressText } from './texts';

function statusOf(progress: StepProgress): { tone: Tone; key: 'done' | 'todo' | 'failed' } {
  if (progress.status === 'done') return { tone: 'success', key: 'done' };
  if (progress.lastCheck && !progress.lastCheck.ok) return { tone: 'danger', key: 'failed' };
  return { tone: 'neutral', key: 'todo' };
}

function Outcome({ outcome }: { outcome: CheckOutcome }) {
  const { t } = useTranslation('lessons');
  const hintText = useHintText();
  if (outcome.ok) {
    return (
      <p className="outcome outcome-ok" role="status">
        <CheckCircleIcon />
        <span>{t('checkOk')}</span>
      </p>
    );
  }
  return (
    <p className="outcome outcome-fail" role="status">
      <CrossCircleIcon />
      <span>
        <strong>{t('checkFailed')}</strong> {hintText(outcome.hint)}
      </span>
    </p>
  );
}

function ResourceChips({ title, resources }: { title: string; resources: LessonResource[] }) {
  const resourceText = useResourceText();
  const id = useId();
  if (resources.length === 0) return null;
  return (
    <div className="result-group">
      <h4 id={id}>{title}</h4>
      <ul className="chips" aria-labelledby={id}>
        {resources.map((resource, index) => (
          <li key={`${resource.kind}-${resource.name}-${index}`} className="chip" title={resource.name}>
            {resourceText(resource)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function AutomationReport({ result }: { result: AutomationResult }) {
  const { t } = useTranslation('lessons');
  const id = useId();
  const empty =
    result.created.length + result.updated.length + result.reused.length + result.started.length === 0 &&
    !result.table;
  return (
    <section className="result" aria-labelledby={id}>
      <h3 id={id}>
        <WandIcon /> {t('result.title')}
      </h3>
      {empty && <p className="muted">{t('result.nothing')}</p>}
      <ResourceChips title={t('result.created')} resources={result.created} />
      <ResourceChips title={t('result.updated')} resources={result.updated} />
      <ResourceChips title={t('result.started')} resources={result.started} />
      <ResourceChips title={t('result.reused')} resources={result.reused} />
      {result.table && (
        <div className="result-table">
          <table>
            <caption>{t('result.table')}</caption>
            <thead>
              <tr>
                {result.table.columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.table.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, column) => (
                    <td
                      key={column}
                      className={/^-?\d+(\.\d+)?(E-?\d+)?$/.test(cell) ? 'numeric' : undefined}
                    >
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ResetSummary({ report }: { report: ResetReport }) {
  const { t } = useTranslation('lessons');
  const resourceText = useResourceText();
  const id = useId();
  const nothing = report.removed.length + report.restored.length + report.kept.length === 0;
  return (
    <section className="result reset-result" aria-labelledby={id}>
      <h3 id={id}>
        <ResetIcon /> {t('reset.title')}
      </h3>
      {nothing && <p className="muted">{t('reset.nothing')}</p>}
      <ResourceChips title={t('reset.removed')} resources={report.removed} />
      <ResourceChips title={t('reset.restored')} resources={report.restored} />
      {report.kept.length > 0 && (
        <div className="result-group">
          <h4>{t('reset.kept')}</h4>
          <ul className="kept-list">
            {report.kept.map(({ resource, reason, message }, index) => (
              <li key={index}>
                {resourceText(resource)} — {t(`kept.${reason}`)}
                {message ? ` (${message})` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

export interface LessonStepProps {
  lessonId: string;
  number: number;
  step: LessonStepView;
  open: boolean;
  onToggle(): void;
  onProgress(progress: StepProgress): void;
  /** The step was reset: the lesson reloads its progress. */
  onReset(): void;
}

/** One step: its instructions, "Check my work", "Do it for me", hints, solution and reset. */
export function LessonStep({ lessonId, number, step, open, onToggle, onProgress, onReset }: LessonStepProps) {
  const { t } = useTranslation('lessons');
  const titleId = useId();
  const bodyId = useId();
  const progressText = useProgressText();
  const check = useAction('lessons.check');
  const automate = useAction('lessons.automate');
  const markDone = useAction('lessons.markDone');
  const reveal = useAction('lessons.reveal');
  const resetStep = useAction('lessons.resetStep');
  const [outcome, setOutcome] = useState<CheckOutcome | undefined>(step.progress.lastCheck);
  const [log, setLog] = useState<AutomationProgress[]>([]);
  const [hintsShown, setHintsShown] = useState(Math.min(step.progress.hintsRevealed, step.hints.length));
  const [solutionShown, setSolutionShown] = useState(false);
  const [confirmingReset, setConfirmingReset] = useState(false);
  const [resetReport, setResetReport] = useState<ResetReport | undefined>(undefined);
  const logRef = useRef<HTMLOListElement>(null);
  const status = statusOf(step.progress);
  const busy = check.pending || automate.pending || resetStep.pending;
  const error = check.error ?? automate.error ?? markDone.error ?? resetStep.error;

  useEvent('lessons.automationProgress', (event) => {
    if (event.lessonId === lessonId && event.stepId === step.id) setLog((previous) => [...previous, event]);
  });
  useEffect(() => {
    if (logRef.current) logRef.current.scrollTop = logRef.current.scrollHeight;
  }, [log]);

  const runCheck = async () => {
    setResetReport(undefined);
    const answer = await check.run({ lessonId, stepId: step.id });
    if (!answer.ok) return;
    setOutcome(answer.value.outcome);
    onProgress(answer.value.progress);
  };

  const runAutomation = async () => {
    setLog([]);
    setResetReport(undefined);
    setOutcome(undefined);
    check.reset();
    const answer = await automate.run({ lessonId, stepId: step.id });
    if (!answer.ok) return;
    if (answer.value.outcome) setOutcome(answer.value.outcome);
    onProgress(answer.value.progress);
  };

  const toggleDone = async () => {
    const answer = await markDone.run({ lessonId, stepId: step.id, done: step.progress.status !== 'done' });
    if (answer.ok) onProgress(answer.value);
  };

  const showHint = async () => {
    const tier = hintsShown + 1;
    setHintsShown(tier);
    const answer = await reveal.run({ lessonId, stepId: step.id, what: 'hint', tier });
    if (answer.ok) onProgress(answer.value);
  };

  const toggleSolution = async () => {
    const next = !solutionShown;
    setSolutionShown(next);
    if (!next || step.progress.solutionRevealed) return;
    const answer = await reveal.run({ lessonId, stepId: step.id, what: 'solution' });
    if (answer.ok) onProgress(answer.value);
  };

  const runReset = async () => {
    setConfirmingReset(false);
    setOutcome(undefined);
    setLog([]);
    automate.reset();
    check.reset();
    const answer = await resetStep.run({ lessonId, stepId: step.id });
    if (!answer.ok) return;
    setResetReport(answer.value);
    setHintsShown(0);
    setSolutionShown(false);
    onReset();
  };

  return (
    <section
      id={`step-${step.id}`}
      className="step card"
      data-status={status.key}
      data-open={open ? 'true' : undefined}
      aria-labelledby={titleId}
    >
      <header className="step-header">
        <span className={`step-marker step-marker-${status.key}`} aria-hidden="true">
          {status.key === 'done' ? <CheckCircleIcon /> : number}
        </span>
        <div className="step-heading">
          <span className="eyebrow">{t('stepNumber', { number })}</span>
          <h2>
            <button
              type="button"
              id={titleId}
              className="step-toggle"
              aria-expanded={open}
              aria-controls={bodyId}
              onClick={onToggle}
            >
              {step.title}
              <ChevronIcon className="step-chevron" />
            </button>
          </h2>
        </div>
        <StatusPill tone={status.tone}>{t(`status.${status.key}`)}</StatusPill>
      </header>

      <div id={bodyId} className="step-body" hidden={!open}>
        {open && (
          <>
            <Markdown source={step.instructions} lessonId={lessonId} className="step-instructions" />

            {!step.check && <p className="step-note">{t('manualNote')}</p>}
            {step.waitSeconds !== undefined && (
              <p className="step-note">{t('waitNote', { seconds: step.waitSeconds })}</p>
            )}

            <div className="step-actions">
              {step.check ? (
                <button type="button" className="button" disabled={busy} onClick={runCheck}>
                  <CheckCircleIcon />
                  {check.pending
                    ? step.waitSeconds
                      ? t('checkingWait', { seconds: step.waitSeconds })
                      : t('checking')
                    : t('check')}
                </button>
              ) : (
                <button
                  type="button"
                  className={step.progress.status === 'done' ? 'button button-secondary' : 'button'}
                  disabled={markDone.pending}
                  onClick={toggleDone}
                >
                  <CheckCircleIcon />
                  {step.progress.status === 'done' ? t('markTodo') : t('markDone')}
                </button>
              )}
              {step.automation && (
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={busy}
                  onClick={runAutomation}
                >
                  <WandIcon />
                  {automate.pending ? t('automating') : t('automate')}
                </button>
              )}
              <span className="step-actions-spacer" />
              {confirmingReset ? (
                <span className="confirm" role="group" aria-label={t('resetStep')}>
                  <span className="confirm-text">{t('confirmResetStep')}</span>
                  <button
                    type="button"
                    className="button button-ghost"
                    onClick={() => setConfirmingReset(false)}
                  >
                    {t('cancel')}
                  </button>
                  <button type="button" className="button button-danger" onClick={runReset}>
                    {t('confirm')}
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="button button-ghost"
                  disabled={busy}
                  onClick={() => setConfirmingReset(true)}
                >
                  <ResetIcon />
                  {resetStep.pending ? t('resetting') : t('resetStep')}
                </button>
              )}
            </div>

            {log.length > 0 && (
              <ol ref={logRef} className="log step-log" aria-label={t('automationLog')} aria-live="polite">
                {log.map((entry, index) => (
                  <li key={`${entry.at}-${index}`} className={`log-line log-${entry.verb}`}>
                    {progressText(entry)}
                  </li>
                ))}
              </ol>
            )}
            {error && (
              <p className="notice notice-danger" role="alert">
                {error.message}
              </p>
            )}
            {!busy && outcome && <Outcome outcome={outcome} />}
            {automate.data && <AutomationReport result={automate.data.result} />}
            {resetReport && <ResetSummary report={resetReport} />}

            {(step.hints.length > 0 || step.solution) && (
              <div className="step-help">
                {step.hints.length > 0 && (
                  <div className="hints">
                    <h3>
                      <LightbulbIcon /> {t('hints')}
                    </h3>
                    {hintsShown > 0 && (
                      <ol className="hint-list">
                        {step.hints.slice(0, hintsShown).map((hint, index) => (
                          <li key={index} className="hint">
                            <span className="hint-label">{t('hintLabel', { number: index + 1 })}</span>
                            <Markdown source={hint} lessonId={lessonId} />
                          </li>
                        ))}
                      </ol>
                    )}
                    {hintsShown < step.hints.length ? (
                      <button type="button" className="button button-ghost" onClick={showHint}>
                        {t('showHint', { next: hintsShown + 1, total: step.hints.length })}
                      </button>
                    ) : (
                      <p className="muted">{t('noMoreHints')}</p>
                    )}
                  </div>
                )}
                {step.solution && (
                  <div className="solution">
                    <button
                      type="button"
                      className="button button-ghost"
                      aria-expanded={solutionShown}
                      onClick={toggleSolution}
                    >
                      {solutionShown ? t('hideSolution') : t('showSolution')}
                    </button>
                    {solutionShown && (
                      <div className="solution-body">
                        <h3>{t('solution')}</h3>
                        <Markdown source={step.solution} lessonId={lessonId} />
                      </div>
                    )}
                  </div>
                )}
              </div>
            )}
          </>
        )}
      </div>
    </section>
  );
}
