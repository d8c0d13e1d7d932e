import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonLanguage, ProgressExport as ExportData } from '../../api/contract';
import { useAction } from '../../api/hooks';
import { ExportIcon } from './icons';

const baseName = (file: string): string => file.split(/[\\/]/).pop() ?? file;

/** Object URLs for the three files, released when the export changes or the panel goes. */
function useDownloads(data: ExportData | undefined) {
  const links = useMemo(() => {
    if (!data) return [];
    return [
      {
        format: 'html',
        file: data.files.html,
        url: URL.createObjectURL(new Blob([data.html], { type: 'text/html' })),
      },
      {
        format: 'markdown',
        file: data.files.markdown,
        url: URL.createObjectURL(new Blob([data.markdown], { type: 'text/markdown' })),
      },
      {
        format: 'json',
        file: data.files.json,
        url: URL.createObjectURL(new Blob([data.json], { type: 'application/json' })),
      },
    ] as const;
  }, [data]);
  useEffect(() => () => links.forEach((link) => URL.revokeObjectURL(link.url)), [links]);
  return links;
}

/** "Export progress": the report is written in the lab folder (for the instructor), and offered as downloads. */
export function ProgressExport({ language }: { language: LessonLanguage }) {
  const { t } = useTranslation('lessons');
  const exporter = useAction('lessons.export');
  const titleId = useId();
  const links = useDownloads(exporter.data);
  return (
    <div className="progress-export">
      <button
        type="button"
        className="button button-secondary"
        disabled={exporter.pending}
        onClick={() => exporter.run({ language })}
      >
        <ExportIcon />
        {exporter.pending ? t('export.exporting') : t('export.button')}
      </button>
      {exporter.error && (
        <p className="notice notice-danger" role="alert">
          {exporter.error.message}
        </p>
      )}
      {exporter.data && (
        <section className="export-result" aria-labelledby={titleId} aria-live="polite">
          <h2 id={titleId}>{t('export.title')}</h2>
          <p className="muted">{t('export.saved', { folder: exporter.data.folder })}</p>
          <ul className="export-links">
            {links.map((link) => (
              <li key={link.format}>
                <a
                  href={link.url}
                  download={baseName(link.file)}
                  aria-label={t('export.download', { format: t(`export.${link.format}`) })}
                >
                  {t(`export.${link.format}`)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
