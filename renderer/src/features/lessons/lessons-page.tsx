import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../app/i18n';
import { useSubPath } from '../../app/use-route';
import { LessonList } from './lesson-list';
import { LessonView } from './lesson-view';
import './lessons.css';

/** `#/lessons`: the list; `#/lessons/<lesson>[/<step>]`: a lesson, opened at a step. Text follows the UI language. */
export function LessonsPage() {
  const { i18n } = useTranslation('lessons');
  const language = currentLanguage(i18n.language);
  const [lessonId, stepId] = useSubPath();
  return lessonId ? (
    <LessonView key={lessonId} lessonId={lessonId} stepId={stepId} language={language} />
  ) : (
    <LessonList language={language} />
  );
}
