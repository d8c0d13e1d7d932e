import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Token paging (nextToken, Marker, ExclusiveStartKey…): a stack of the tokens of the pages seen. */
export function usePager<Token>() {
  const [tokens, setTokens] = useState<Array<Token | undefined>>([undefined]);
  const token = tokens[tokens.length - 1];
  const next = useCallback((nextToken: Token) => setTokens((stack) => [...stack, nextToken]), []);
  const previous = useCallback(
    () => setTokens((stack) => (stack.length > 1 ? stack.slice(0, -1) : stack)),
    [],
  );
  const reset = useCallback(() => setTokens([undefined]), []);
  return { token, page: tokens.length, next, previous, reset };
}

export function Pager({
  page,
  hasPrevious,
  nextToken,
  onPrevious,
  onNext,
  summary,
}: {
  page: number;
  hasPrevious: boolean;
  /** Absent on the last page. */
  nextToken: unknown;
  onPrevious(): void;
  onNext(): void;
  summary?: string;
}) {
  const { t } = useTranslation('console');
  if (!hasPrevious && !nextToken) return summary ? <p className="pager">{summary}</p> : null;
  return (
    <nav className="pager" aria-label={t('common.pagination')}>
      <span>{summary ?? t('common.page', { page })}</span>
      <span className="button-row">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={!hasPrevious}
          onClick={onPrevious}
        >
          {t('common.previous')}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={!nextToken}
          onClick={onNext}
        >
          {t('common.next')}
        </button>
      </span>
    </nav>
  );
}
