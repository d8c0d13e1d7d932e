import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../../components/copy-button';

export interface DetailItem {
  label: string;
  value: ReactNode;
  /** Text a copy button puts on the clipboard. */
  copy?: string;
}

/** Label/value pairs; each value is named by its label (`getByLabel` finds it). */
export function Details({ items }: { items: Array<DetailItem | false | undefined> }) {
  return (
    <dl className="kv">{items.map((item) => (item ? <DetailRow key={item.label} item={item} /> : null))}</dl>
  );
}

function DetailRow({ item }: { item: DetailItem }) {
  const { t } = useTranslation('console');
  const id = useId();
  return (
    <div>
      <dt id={id}>{item.label}</dt>
      <dd aria-labelledby={id}>
        <span>{item.value}</span>
        {item.copy !== undefined && (
          <CopyButton
            text={item.copy}
            label={t('common.copy', { what: item.label })}
            doneLabel={t('common.copied', { what: item.label })}
            failedLabel={t('common.copyFailed')}
          />
        )}
      </dd>
    </div>
  );
}
