import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonLanguage, LessonView as LessonData, ResetReport, StepProgress } from '../../api/contract';
import { useAction, useRequest } from '../../api/hooks';
import { CheckCircleIcon, ArrowLeftIcon, ArrowRightIcon, ClockIcon, ResetIcon } from './icons';
import { LessonStep } from './lesson-step';
import { Markdown, lessonHref } from './markdown';
import { ProgressBar } from './progress-bar';
import { useResourceText } from './texts';

/** The step to open first: the one the link named, else the first not done, else none. */
function defaultOpen(lesson: LessonData, requested: string | undefined): Set<string> {
  if (requested && lesson.steps.some((step) => step.id === requested)) return new Set([requested]);
  const next = lesson.steps.find((step) => step.progress.status !== 'done');
  return new Set(next ? [next.id] : []);
}

function LessonReset({ lessonId, onReset }: { lessonId: string; onReset: () => void }) {
  const { t } = useTranslation('lessons');
  const resourceText = useResourceText();
  const reset = useAction('lessons.resetLesson');
  const [confirming, setConfirming] = useState(false);
  const [report, setReport] = useState<ResetReport | undefined>(undefined);
  const run = async () => {
    setConfirming(false);
    const answer = await reset.run({ lessonId });
    if (!answer.ok) return;
    setReport(answer.value);
    onReset();
  };
  return (
    <div className="lesson-reset">
      {confirming ? (
        <span className="confirm" role="group" aria-label={t('resetLesson')}>
          <span className="confirm-text">{t('confirmResetLesson')}</span>
          <button type="button" className="button button-ghost" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
          <button type="button" className="button button-danger" onClick={run}>
            {t('confirm')}
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="button button-ghost"
          disabled={reset.pending}
          onClick={() => setConfirming(true)}
        >
          <ResetIcon />
          {reset.pending ? t('resetting') : t('resetLesson')}
        </button>
      )}
      {reset.error && (
        <p className="notice notice-danger" role="alert">
          {reset.error.message}
        </p>
      )}
      {report && (
        <p className="muted" role="status">
          {report.removed.length + report.restored.length + report.kept.length === 0
            ? t('reset.nothing')
            : [
                ...report.removed.map(resourceText),
                ...report.restored.map(resourceText),
                ...report.kept.map(
                  ({ resource, reason }) => `${resourceText(resource)} (${t(`kept.${reason}`)})`,
                ),
              ].join(' · ')}
        </p>
      )}
    </div>
  );
}

/** A lesson: its objectives and introduction, then its steps, in order. */
export function LessonView({
  lessonId,
  stepId,
  language,
}: {
  lessonId: string;
  stepId?: string;
  language: LessonLanguage;
}) {
  const { t } = useTranslation('lessons');
  const lesson = useRequest('lessons.get', { id: lessonId, language });
  const data = lesson.data?.id === lessonId ? lesson.data : undefined;

  if (lesson.error) {
    return (
      <p className="notice notice-danger" role="alert">
        {lesson.error.code === 'UnknownLesson' ? t('notFound', { id: lessonId }) : lesson.error.message}
      </p>
    );
  }
  if (!data) return null;
  const updateStep = (id: string, progress: StepProgress) =>
    lesson.setData((previous) =>
      previous
        ? {
            ...previous,
            steps: previous.steps.map((step) => (step.id === id ? { ...step, progress } : step)),
          }
        : data,
    );
  return <LessonContent data={data} stepId={stepId} onStepProgress={updateStep} onReload={lesson.reload} />;
}

function LessonContent({
  data,
  stepId,
  onStepProgress,
  onReload,
}: {
  data: LessonData;
  stepId: string | undefined;
  onStepProgress: (id: string, progress: StepProgress) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation('lessons');
  const objectivesId = useId();
  const outlineId = useId();
  // Which steps are open: at first the one a link named, or the first not done; then the student's choice.
  const [open, setOpen] = useState<{ steps: Set<string>; routed?: string }>(() => ({
    steps: defaultOpen(data, stepId),
    routed: stepId,
  }));
  // A link to a step (`#/lessons/<lesson>/<step>`) opens it, whatever was open before…
  const openSteps = stepId && open.routed !== stepId ? new Set([...open.steps, stepId]) : open.steps;

  // …and brings it into view.
  useEffect(() => {
    if (!stepId) return;
    requestAnimationFrame(() =>
      document.getElementById(`step-${stepId}`)?.scrollIntoView({ block: 'start' }),
    );
  }, [stepId]);

  const done = data.steps.filter((step) => step.progress.status === 'done').length;
  const total = data.steps.length;
  const toggle = (id: string) => {
    const steps = new Set(openSteps);
    if (steps.has(id)) steps.delete(id);
    else steps.add(id);
    setOpen({ steps, routed: stepId });
  };
  // A step just done opens the next one, and stays open to show what happened.
  const progressed = (index: number, progress: StepProgress) => {
    const step = data.steps[index];
    if (!step) return;
    const next = data.steps[index + 1];
    if (
      progress.status === 'done' &&
      step.progress.status !== 'done' &&
      next &&
      next.progress.status !== 'done'
    ) {
      setOpen({ steps: new Set([...openSteps, next.id]), routed: stepId });
    }
    onStepProgress(step.id, progress);
  };

  return (
    <div className="lessons lesson-view">
      <nav className="lesson-breadcrumb" aria-label={t('title')}>
        <a href="#/lessons">
          <ArrowLeftIcon /> {t('backToList')}
        </a>
      </nav>

      <header className="lesson-hero">
        <span className="lesson-number" aria-hidden="true">
          {String(data.number).padStart(2, '0')}
        </span>
        <div className="lesson-hero-text">
          <span className="eyebrow">
            {t('lessonNumber', { number: String(data.number).padStart(2, '0') })}
          </span>
          <h1>{data.title}</h1>
          <div className="lesson-meta">
            <span className="meta-item" title={t('duration')}>
              <ClockIcon /> {t('minutes', { count: data.duration })}
            </span>
            <ul className="service-badges" aria-label={t('services')}>
              {data.services.map((service) => (
                <li key={service} className={`service-badge service-${service}`}>
                  {t(`service.${service}`)}
                </li>
              ))}
            </ul>
          </div>
          <div className="lesson-hero-progress">
            <ProgressBar
              done={done}
              total={total}
              label={t('progressLabel', { title: data.title })}
              text={t('stepsDone', { done, total })}
            />
            <span className="muted">{t('stepsDone', { done, total })}</span>
          </div>
        </div>
      </header>

      <div className="lesson-layout">
        <div className="lesson-main">
          <section className="card lesson-intro" aria-labelledby={objectivesId}>
            <h2 id={objectivesId}>{t('objectives')}</h2>
            <ul className="objectives">
              {data.objectives.map((objective) => (
                <li key={objective}>
                  <CheckCircleIcon /> <span>{objective}</span>
                </li>
              ))}
            </ul>
            <Markdown source={data.intro} lessonId={data.id} className="lesson-intro-text" />
          </section>

          <ol className="steps" aria-label={t('stepsHeading')}>
            {data.steps.map((step, index) => (
              <li key={step.id}>
                <LessonStep
                  lessonId={data.id}
                  number={index + 1}
                  step={step}
                  open={openSteps.has(step.id)}
                  onToggle={() => toggle(step.id)}
                  onProgress={(progress) => progressed(index, progress)}
                  onReset={onReload}
                />
              </li>
            ))}
          </ol>

          <footer className="lesson-footer">
            {data.previous ? (
              <a className="lesson-nav" href={lessonHref(data.previous.id)}>
                <ArrowLeftIcon /> {t('previous', { title: data.previous.title })}
              </a>
            ) : (
              <span />
            )}
            {data.next && (
              <a className="lesson-nav lesson-nav-next" href={lessonHref(data.next.id)}>
                {t('next', { title: data.next.title })} <ArrowRightIcon />
              </a>
            )}
          </footer>
          <LessonReset lessonId={data.id} onReset={onReload} />
        </div>

        <aside className="lesson-outline" aria-labelledby={outlineId}>
          <h2 id={outlineId}>{t('stepsHeading')}</h2>
          <ol>
            {data.steps.map((step, index) => (
              <li key={step.id} data-status={step.progress.status}>
                <a href={lessonHref(data.id, step.id)}>
                  <span className="outline-marker" aria-hidden="true">
                    {step.progress.status === 'done' ? <CheckCircleIcon /> : index + 1}
                  </span>
                  <span>{step.title}</span>
                  {step.progress.status === 'done' && (
                    <span className="visually-hidden">{t('status.done')}</span>
                  )}
                </a>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </div>
  );
}
