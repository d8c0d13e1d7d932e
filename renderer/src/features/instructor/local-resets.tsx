import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAction } from '../../api/hooks';
import { FolderIcon } from '../../components/icons';
import { Card } from '../console/ui/card';
import { ConfirmDialog } from '../console/ui/confirm-dialog';
import { BookIcon } from '../lessons/icons';
import { TypedConfirmation } from './typed-confirmation';

/** A card whose one (danger) button opens the confirmation of what it resets. */
function ResetCard({
  icon,
  title,
  lead,
  openLabel,
  pending,
  onOpen,
  children,
}: {
  icon: ReactNode;
  title: string;
  lead: string;
  openLabel: string;
  pending: boolean;
  onOpen(): void;
  children: ReactNode;
}) {
  return (
    <Card
      icon={icon}
      title={title}
      lead={lead}
      actions={
        <button type="button" className="button button-danger" disabled={pending} onClick={onOpen}>
          {openLabel}
        </button>
      }
    >
      <div className="instructor-body">{children}</div>
    </Card>
  );
}

/** Stops the local cloud, empties the lab folder of what the app made, starts it again. */
export function LabFolderCard({ labDir }: { labDir: string | undefined }) {
  const { t } = useTranslation('instructor');
  const reset = useAction('instructor.resetLabFolder');
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const report = reset.data;
  return (
    <ResetCard
      icon={<FolderIcon />}
      title={t('folder.title')}
      lead={t('folder.lead')}
      openLabel={t('folder.reset')}
      pending={reset.pending}
      onOpen={() => {
        setTyped('');
        reset.reset();
        setConfirming(true);
      }}
    >
      {labDir && (
        <dl className="kv">
          <dt>{t('folder.path')}</dt>
          <dd className="cell-mono">{labDir}</dd>
        </dl>
      )}
      {report && (
        <div className="instructor-report" role="status">
          <p className="notice notice-info">{t('folder.done', { account: report.accountId })}</p>
          <dl className="kv">
            <dt>{t('folder.removed')}</dt>
            <dd className="cell-mono">{report.removed.join(', ') || '—'}</dd>
            <dt>{t('folder.kept')}</dt>
            <dd className="cell-mono">{report.kept.join(', ') || '—'}</dd>
          </dl>
        </div>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('folder.confirmTitle')}
          confirmLabel={t('folder.confirm')}
          onConfirm={() =>
            void reset.run({ confirm: 'reset' }).then((answer) => {
              if (answer.ok) setConfirming(false);
            })
          }
          onClose={() => setConfirming(false)}
          pending={reset.pending}
          step={t('folder.restarting')}
          error={reset.error}
          disabled={typed.trim() !== 'reset'}
        >
          <p>{t('folder.confirmBody')}</p>
          <TypedConfirmation label={t('folder.confirmField')} value={typed} onChange={setTyped} />
        </ConfirmDialog>
      )}
    </ResetCard>
  );
}

/** Every lesson step back to "to do", for the cloud in use. */
export function LessonProgressCard() {
  const { t } = useTranslation('instructor');
  const reset = useAction('instructor.resetLessonProgress');
  const [confirming, setConfirming] = useState(false);
  return (
    <ResetCard
      icon={<BookIcon />}
      title={t('progress.title')}
      lead={t('progress.lead')}
      openLabel={t('progress.reset')}
      pending={reset.pending}
      onOpen={() => {
        reset.reset();
        setConfirming(true);
      }}
    >
      {reset.data && (
        <p className="notice notice-info" role="status">
          {t('progress.done', { count: reset.data.steps })}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('progress.confirmTitle')}
          confirmLabel={t('progress.confirm')}
          onConfirm={() =>
            void reset.run().then((answer) => {
              if (answer.ok) setConfirming(false);
            })
          }
          onClose={() => setConfirming(false)}
          pending={reset.pending}
          error={reset.error}
        >
          <p>{t('progress.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </ResetCard>
  );
}
