import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonLanguage, LessonSummary } from '../../api/contract';
import { useRequest } from '../../api/hooks';
import { StatusPill } from '../../components/status-pill';
import { ArrowRightIcon, ClockIcon } from './icons';
import { lessonHref } from './markdown';
import { ProgressBar } from './progress-bar';
import { ProgressExport } from './progress-export';

function LessonCard({ lesson, current }: { lesson: LessonSummary; current: boolean }) {
  const { t } = useTranslation('lessons');
  const titleId = useId();
  const complete = lesson.done === lesson.steps;
  const started = lesson.done > 0;
  const number = String(lesson.number).padStart(2, '0');
  return (
    <article
      className="card lesson-card"
      aria-labelledby={titleId}
      data-current={current ? 'true' : undefined}
    >
      <div className="lesson-card-top">
        <span className="lesson-card-number" aria-hidden="true">
          {number}
        </span>
        <div className="lesson-card-heading">
          <span className="eyebrow">{t('lessonNumber', { number })}</span>
          <h2 id={titleId}>
            <a href={lessonHref(lesson.id)}>{lesson.title}</a>
          </h2>
        </div>
        <StatusPill tone={complete ? 'success' : started ? 'info' : 'neutral'}>
          {complete ? t('completed') : started ? t('inProgress') : t('notStarted')}
        </StatusPill>
      </div>
      <ul className="lesson-card-objectives">
        {lesson.objectives.map((objective) => (
          <li key={objective}>{objective}</li>
        ))}
      </ul>
      <div className="lesson-card-footer">
        <span className="meta-item">
          <ClockIcon /> {t('minutes', { count: lesson.duration })}
        </span>
        <ul className="service-badges" aria-label={t('services')}>
          {lesson.services.map((service) => (
            <li key={service} className={`service-badge service-${service}`}>
              {t(`service.${service}`)}
            </li>
          ))}
        </ul>
        <div className="lesson-card-progress">
          <ProgressBar
            done={lesson.done}
            total={lesson.steps}
            label={t('progressLabel', { title: lesson.title })}
            text={t('stepsDone', { done: lesson.done, total: lesson.steps })}
          />
          <span className="muted">{t('stepsDone', { done: lesson.done, total: lesson.steps })}</span>
        </div>
        <a
          className={`button ${current ? '' : 'button-secondary'} lesson-card-open`}
          href={lessonHref(lesson.id)}
          tabIndex={-1}
          aria-hidden="true"
        >
          {complete ? t('review') : started ? t('continue') : t('start')}
          <ArrowRightIcon />
        </a>
      </div>
    </article>
  );
}

/** Every lesson in order, with the student's progress; the first unfinished one stands out. */
export function LessonList({ language }: { language: LessonLanguage }) {
  const { t } = useTranslation('lessons');
  const overview = useRequest('lessons.list', { language });
  const lessons = overview.data?.lessons ?? [];
  const current = lessons.find((lesson) => lesson.done < lesson.steps);
  const done = lessons.reduce((sum, lesson) => sum + lesson.done, 0);
  const total = lessons.reduce((sum, lesson) => sum + lesson.steps, 0);

  return (
    <div className="lessons">
      <header className="page-header lessons-header">
        <h1>{t('title')}</h1>
        <p className="lead">{t('lead')}</p>
      </header>

      {overview.error && (
        <p className="notice notice-danger" role="alert">
          {overview.error.message}
        </p>
      )}
      {overview.data && overview.data.problems.length > 0 && (
        <div className="notice notice-danger" role="alert">
          <p>{t('problems')}</p>
          <ul>
            {overview.data.problems.map((problem) => (
              <li key={problem}>
                <code>{problem}</code>
              </li>
            ))}
          </ul>
        </div>
      )}

      {overview.data && (
        <>
          <div className="lessons-toolbar card">
            <div className="lessons-overall">
              <ProgressBar
                done={done}
                total={total}
                label={t('title')}
                text={t('overall', { done, total })}
              />
              <span>{t('overall', { done, total })}</span>
            </div>
            {current && (
              <a className="button" href={lessonHref(current.id)}>
                {current.done > 0
                  ? t('continueLesson', { title: current.title })
                  : t('startLesson', { title: current.title })}
                <ArrowRightIcon />
              </a>
            )}
            <ProgressExport language={language} />
          </div>
          <ol className="lesson-cards">
            {lessons.map((lesson) => (
              <li key={lesson.id}>
                <LessonCard lesson={lesson} current={lesson.id === current?.id} />
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
