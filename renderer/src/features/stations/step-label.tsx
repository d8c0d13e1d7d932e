import { useTranslation } from 'react-i18next';

/** The card's place in the lab's order (1 readings, 2 fleet, 3 replay), above its title. */
export function StepLabel({ number }: { number: number }) {
  const { t } = useTranslation('stations');
  return <span className="eyebrow">{t('step', { number })}</span>;
}
