import { useTranslation } from 'react-i18next';

/** The copy button's three labels for a value named `what`. */
export function useCopyLabels(what: string): { label: string; doneLabel: string; failedLabel: string } {
  const { t } = useTranslation('home');
  return { label: t('copy.label', { what }), doneLabel: t('copy.done'), failedLabel: t('copy.failed') };
}
