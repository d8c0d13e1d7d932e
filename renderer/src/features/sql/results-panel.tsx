import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-provider';
import { CopyButton, writeClipboard } from '../../components/copy-button';
import { DownloadIcon, TableIcon } from '../../components/icons';
import { ChartIcon, openInChartBuilder } from '../charts';
import { Card } from '../console/ui/card';
import { downloadBase64, downloadText } from '../console/ui/download';
import { ErrorNotice } from '../console/ui/error-notice';
import { toCsv } from './csv';
import { ResultsGrid, type CellPosition } from './results-grid';
import type { ResultSet } from './result-set';
import type { RunView } from './sql-page';
import type { ApiErrorInfo } from '../../api/contract';

/** `s3://bucket/key` → its parts. */
function s3Parts(url: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
  return match?.[1] && match[2] ? { bucket: match[1], key: match[2] } : undefined;
}

/** The last run's rows: the grid, the CSV download, the cell copy and the hand-over to a chart. */
export function ResultsPanel({ run }: { run: RunView }) {
  const { t } = useTranslation('sql');
  const { bridge } = useApi();
  const result = run.phase === 'done' ? run.result : undefined;
  // The active cell and a download's error belong to the result they were about.
  const [activeFor, setActiveFor] = useState<{ result: ResultSet; position: CellPosition }>();
  const [errorFor, setErrorFor] = useState<{ result: ResultSet; error: ApiErrorInfo }>();
  const active = activeFor && activeFor.result === result ? activeFor.position : undefined;
  const error = errorFor && errorFor.result === result ? errorFor.error : undefined;
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1600);
    return () => clearTimeout(timer);
  }, [copied]);

  const activeText = result && active ? (result.rows[active.row]?.[active.column] ?? null) : undefined;

  /**
   * Athena's own result file when the grid holds only the first rows (it is the same CSV, every row);
   * otherwise the grid's rows written the way Athena writes them.
   */
  const download = async () => {
    if (run.phase !== 'done' || !result) return;
    const { stats, source } = run;
    const name = stats.queryExecutionId ? `${stats.queryExecutionId}.csv` : `${source.engine}-results.csv`;
    const location = stats.truncated && stats.outputLocation ? s3Parts(stats.outputLocation) : undefined;
    if (location) {
      const answer = await bridge.invoke('s3.downloadObject', location);
      if (!answer.ok) return setErrorFor({ result, error: answer.error });
      return downloadBase64(name, answer.value.base64, 'text/csv');
    }
    downloadText(name, toCsv(result), 'text/csv');
  };

  const copyCell = (position: CellPosition) => {
    const value = result?.rows[position.row]?.[position.column];
    if (value === undefined) return;
    writeClipboard(value ?? '').then(
      () => setCopied(true),
      // A refused copy says nothing, as before: the grid keeps its cell.
      () => undefined,
    );
  };

  return (
    <Card
      icon={<TableIcon />}
      title={t('results.title')}
      actions={
        result && (
          <>
            {activeText !== undefined && (
              <CopyButton
                text={activeText ?? ''}
                label={t('results.copyCell')}
                doneLabel={t('results.copied')}
                failedLabel={t('results.copied')}
              />
            )}
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => void download()}
            >
              <DownloadIcon aria-hidden="true" />
              {t('results.downloadCsv')}
            </button>
            {run.phase === 'done' && (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={result.rows.length === 0}
                onClick={() => openInChartBuilder(result, run.source)}
              >
                <ChartIcon aria-hidden="true" />
                {t('results.chart')}
              </button>
            )}
          </>
        )
      }
    >
      <ErrorNotice error={error} />
      <span className="visually-hidden" role="status">
        {copied ? t('results.copied') : ''}
      </span>
      {run.phase === 'idle' && <p className="empty-state">{t('results.empty')}</p>}
      {run.phase === 'running' && (
        <p className="loading-line">
          <span className="spinner" aria-hidden="true" />
          {t('results.waiting')}
        </p>
      )}
      {result && result.rows.length === 0 && <p className="empty-state">{t('results.noRows')}</p>}
      {result && result.columns.length > 0 && (
        <ResultsGrid
          result={result}
          label={t('results.label')}
          active={active}
          onActiveChange={(position) => setActiveFor({ result, position })}
          onCopy={copyCell}
        />
      )}
    </Card>
  );
}
