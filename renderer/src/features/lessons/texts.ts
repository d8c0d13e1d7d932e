import { useTranslation } from 'react-i18next';
import type { AutomationProgress, CheckHint, LessonResource } from '../../api/contract';

/** A check's hint in the user's language: its key is one of the `hint` messages, its values fill it in. */
export function useHintText(): (hint: CheckHint) => string {
  const { t } = useTranslation('lessons');
  return (hint) => t(`hint.${hint.key}`, hint.values);
}

/** "bucket iot-tutorial-datalake-123…", "rule weather_sensor_to_S3". */
export function useResourceText(): (resource: LessonResource) => string {
  const { t } = useTranslation('lessons');
  return (resource) => t('resourceName', { kind: t(`resource.${resource.kind}`), name: resource.name });
}

/** A line of "Do it for me"'s log: "Creating the bucket …". */
export function useProgressText(): (progress: AutomationProgress) => string {
  const { t } = useTranslation('lessons');
  return (progress) =>
    t(`verb.${progress.verb}`, {
      kind: t(`resource.${progress.resource.kind}`),
      name: progress.resource.name,
    });
}
