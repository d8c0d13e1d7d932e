import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MqttReceivedMessage } from '../../api/contract';
import { JsonView, prettyJsonText } from '../../components/json-view';
import { VirtualList } from '../../components/virtual-list';
import { formatBytes, formatClock, formatDateTime } from '../console/ui/format';

const ROW_HEIGHT = 34;
const LIST_HEIGHT = 408;
/** What a row shows of a payload. */
const PREVIEW_CHARS = 160;

export function rowId(message: MqttReceivedMessage): string {
  return `mqtt-message-${message.seq}`;
}

function preview(message: MqttReceivedMessage): string {
  if (message.encoding === 'base64') return `base64:${message.payload.slice(0, PREVIEW_CHARS)}`;
  const text =
    message.payload.length > PREVIEW_CHARS ? message.payload.slice(0, PREVIEW_CHARS) : message.payload;
  return text.replace(/\s+/g, ' ');
}

/**
 * The received messages, newest first, in a windowed listbox (constant cost per render whatever the
 * rate), and the selected one in full below it.
 */
export function MessageList({
  messages,
  added,
  filter,
}: {
  /** Newest first. */
  messages: readonly MqttReceivedMessage[];
  /** Messages ever added to the store (the list keeps the reader's place as it grows). */
  added: number;
  filter: string;
}) {
  const { t, i18n } = useTranslation('mqtt');
  const [selectedSeq, setSelectedSeq] = useState<number | undefined>(undefined);
  const deferredFilter = useDeferredValue(filter.trim());
  const shown = useMemo(
    () => (deferredFilter ? messages.filter((message) => message.topic.includes(deferredFilter)) : messages),
    [messages, deferredFilter],
  );
  const activeIndex = selectedSeq === undefined ? undefined : shown.findIndex((m) => m.seq === selectedSeq);
  const selected = activeIndex !== undefined && activeIndex >= 0 ? shown[activeIndex] : undefined;
  const language = i18n.language;

  return (
    <div className="message-pane">
      <div className="message-columns" aria-hidden="true">
        <span>{t('list.time')}</span>
        <span>{t('list.topic')}</span>
        <span>{t('list.qos')}</span>
        <span>{t('list.size')}</span>
        <span>{t('list.payload')}</span>
      </div>
      <VirtualList
        className="message-list"
        itemCount={shown.length}
        rowHeight={ROW_HEIGHT}
        height={LIST_HEIGHT}
        label={t('list.label')}
        addedAtTop={deferredFilter ? 0 : added}
        rowId={(index) => {
          const message = shown[index];
          return message ? rowId(message) : `mqtt-row-${index}`;
        }}
        activeIndex={activeIndex !== undefined && activeIndex >= 0 ? activeIndex : undefined}
        onActiveIndexChange={(index) => setSelectedSeq(shown[index]?.seq)}
        emptyText={messages.length === 0 ? t('list.empty') : t('list.noneMatching')}
        renderRow={(index) => {
          const message = shown[index];
          if (!message) return null;
          return (
            <span className="message-row">
              <span className="message-time">{formatClock(language, message.receivedAt)}</span>
              <span className="message-topic">{message.topic}</span>
              <span className="message-qos">
                <span className="visually-hidden">{t('list.qos')} </span>
                {message.qos}
              </span>
              <span className="message-size">{formatBytes(language, message.size)}</span>
              <span className="message-preview">{preview(message)}</span>
            </span>
          );
        }}
      />
      <MessageDetail message={selected} />
    </div>
  );
}

function MessageDetail({ message }: { message: MqttReceivedMessage | undefined }) {
  const { t, i18n } = useTranslation('mqtt');
  if (!message) return <p className="message-detail-empty">{t('detail.select')}</p>;
  const pretty = message.encoding === 'utf8' ? prettyJsonText(message.payload) : undefined;
  const language = i18n.language;
  return (
    <section className="message-detail" aria-label={t('detail.label')}>
      <header className="message-detail-head">
        <code className="message-detail-topic">{message.topic}</code>
        <span className="chips">
          <span className="chip">{t('detail.qos', { qos: message.qos })}</span>
          {message.retain && <span className="chip">{t('detail.retained')}</span>}
          <span className="chip">{formatBytes(language, message.size)}</span>
          <span className="chip">
            {pretty !== undefined
              ? 'JSON'
              : message.encoding === 'base64'
                ? t('detail.binary')
                : t('detail.text')}
          </span>
        </span>
        <span className="muted">{formatDateTime(language, new Date(message.receivedAt).toISOString())}</span>
      </header>
      {message.truncated && (
        <p className="field-hint">{t('detail.truncated', { size: formatBytes(language, message.size) })}</p>
      )}
      {message.encoding === 'base64' && <p className="field-hint">{t('detail.base64')}</p>}
      {message.encoding === 'utf8' && pretty === undefined && !message.truncated && (
        <p className="field-hint">{t('detail.notJson')}</p>
      )}
      <JsonView label={t('detail.payload')} text={pretty ?? message.payload} />
    </section>
  );
}
