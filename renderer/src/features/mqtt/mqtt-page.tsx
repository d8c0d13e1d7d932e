import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MqttClientStatus, MqttQos, MqttReceivedMessage } from '../../api/contract';
import { useAction, useEvent, useRequest } from '../../api/hooks';
import { pageHref } from '../../app/use-route';
import { CodeEditor } from '../../components/code-editor';
import {
  CloseIcon,
  DownloadIcon,
  MessagesIcon,
  PauseIcon,
  PlayIcon,
  PlusIcon,
  StationIcon,
  TrashIcon,
} from '../../components/icons';
import { StatusPill, type Tone } from '../../components/status-pill';
import { BusyButton } from '../console/ui/busy-button';
import { Card } from '../console/ui/card';
import { Details } from '../console/ui/details';
import { downloadText } from '../console/ui/download';
import { ErrorNotice } from '../console/ui/error-notice';
import { formatClock, formatNumber, shortId } from '../console/ui/format';
import { MessageList } from './message-list';
import { MessageStore } from './message-store';
import '../../components/workbench.css';
import './mqtt.css';

/** The newest messages the page keeps (older ones leave as new ones come). */
const KEPT_MESSAGES = 2000;
const DEFAULT_FILTER = 'sensor/#';
const DEFAULT_TOPIC = 'sensor/test';
const DEFAULT_PAYLOAD = JSON.stringify({ message: 'Hello from the IoT Lab test client' }, null, 2);

function stateTone(state: MqttClientStatus['state']): Tone {
  switch (state) {
    case 'connected':
      return 'success';
    case 'connecting':
      return 'warning';
    case 'failed':
      return 'danger';
    case 'disconnected':
      return 'neutral';
  }
}

/** The client's status, kept current by `mqtt.status` events. */
function useMqttStatus() {
  const status = useRequest('mqtt.status');
  useEvent('mqtt.status', (next) => status.setData(() => next));
  return status;
}

/**
 * Messages as they arrive, without rendering per message: batches go into the ring, and the list
 * re-renders at most once per frame, never while paused.
 */
function useMessages(paused: boolean) {
  const store = useRef(new MessageStore(KEPT_MESSAGES));
  const [snapshot, setSnapshot] = useState<{ messages: MqttReceivedMessage[]; added: number }>({
    messages: [],
    added: 0,
  });
  const [counters, setCounters] = useState({ received: 0, rate: 0, whilePaused: 0 });
  const frame = useRef<number | undefined>(undefined);
  const pausedRef = useRef(paused);
  const pausedAt = useRef(0);
  const rateWindow = useRef<Array<{ at: number; received: number }>>([]);
  const received = useRef(0);

  const render = useCallback(() => {
    frame.current = undefined;
    const now = performance.now();
    const window = rateWindow.current;
    while (window.length > 1 && now - (window[0]?.at ?? now) > 2000) window.shift();
    const first = window[0];
    const last = window[window.length - 1];
    const seconds = first && last ? (last.at - first.at) / 1000 : 0;
    const rate = first && last && seconds > 0.2 ? (last.received - first.received) / seconds : 0;
    setCounters({
      received: received.current,
      rate,
      whilePaused: pausedRef.current ? received.current - pausedAt.current : 0,
    });
    if (!pausedRef.current) setSnapshot({ messages: store.current.snapshot(), added: store.current.added });
  }, []);

  const schedule = useCallback(() => {
    frame.current ??= requestAnimationFrame(render);
  }, [render]);

  useEvent('mqtt.messages', (batch) => {
    store.current.add(batch.messages);
    received.current = batch.received;
    rateWindow.current.push({ at: performance.now(), received: batch.received });
    schedule();
  });

  useEffect(() => {
    pausedRef.current = paused;
    pausedAt.current = received.current;
    schedule();
  }, [paused, schedule]);

  useEffect(
    () => () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    },
    [],
  );

  const clear = useCallback(() => {
    store.current.clear();
    setSnapshot({ messages: [], added: store.current.added });
  }, []);
  const all = useCallback(() => store.current.snapshot().reverse(), []);
  return { ...snapshot, counters, clear, all };
}

export function MqttPage() {
  const { t } = useTranslation('mqtt');
  const status = useMqttStatus();
  const [paused, setPaused] = useState(false);
  const [filter, setFilter] = useState('');
  const messages = useMessages(paused);
  const data = status.data;

  return (
    <div className="workbench mqtt">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="lead">{t('lead')}</p>
      </header>
      <ConnectionCard status={data} error={status.error} />
      <div className="mqtt-grid">
        <div className="stack">
          <SubscriptionsCard status={data} />
          <PublishCard />
        </div>
        <MessagesCard
          messages={messages.messages}
          added={messages.added}
          counters={messages.counters}
          paused={paused}
          onPause={setPaused}
          onClear={messages.clear}
          onExport={() => exportMessages(messages.all())}
          filter={filter}
          onFilter={setFilter}
          kept={messages.messages.length}
        />
      </div>
    </div>
  );
}

/** The messages the page holds, as JSON lines (payloads as JSON when they are). */
function exportMessages(messages: MqttReceivedMessage[]): void {
  const lines = messages.map((message) => {
    let payload: unknown = message.payload;
    if (message.encoding === 'utf8' && !message.truncated) {
      try {
        payload = JSON.parse(message.payload);
      } catch {
        // Not JSON: exported as the text it is.
      }
    }
    return JSON.stringify({
      topic: message.topic,
      receivedAt: new Date(message.receivedAt).toISOString(),
      qos: message.qos,
      retain: message.retain,
      size: message.size,
      encoding: message.encoding,
      truncated: message.truncated,
      payload,
    });
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  downloadText(
    `mqtt-messages-${stamp}.jsonl`,
    lines.length > 0 ? `${lines.join('\n')}\n` : '',
    'application/x-ndjson',
  );
}

function ConnectionCard({
  status,
  error,
}: {
  status: MqttClientStatus | undefined;
  error: { code: string; message: string } | undefined;
}) {
  const { t } = useTranslation('mqtt');
  const connect = useAction('mqtt.connect');
  const disconnect = useAction('mqtt.disconnect');
  const state = status?.state ?? 'disconnected';
  const connected = state === 'connected';
  const identity = status?.identity;
  return (
    <Card
      icon={<StationIcon />}
      title={t('connection.title')}
      lead={status?.transport === 'websocket' ? t('connection.leadAws') : t('connection.lead')}
      badge={
        <span role="status" aria-label={t('connection.state')}>
          <StatusPill tone={stateTone(state)} pulse={state === 'connecting'}>
            {t(`state.${state}`)}
          </StatusPill>
        </span>
      }
      actions={
        connected ? (
          <BusyButton
            type="button"
            busy={disconnect.pending}
            className="button-secondary"
            onClick={() => void disconnect.run()}
          >
            {t('connection.disconnect')}
          </BusyButton>
        ) : (
          <BusyButton
            type="button"
            busy={connect.pending || state === 'connecting'}
            onClick={() => void connect.run()}
          >
            {t('connection.connect')}
          </BusyButton>
        )
      }
    >
      <ErrorNotice error={error ?? connect.error ?? disconnect.error} />
      {status?.error && state === 'failed' && !connect.error && (
        <p className="notice notice-danger" role="alert">
          {status.error}
        </p>
      )}
      <Details
        items={[
          {
            label: t('connection.clientId'),
            value: <code>{status?.clientId ?? '—'}</code>,
            copy: status?.clientId,
          },
          {
            label: t('connection.endpoint'),
            value: status?.endpoint ? <code>{`${status.endpoint.host}:${status.endpoint.port}`}</code> : '—',
          },
          identity && {
            label: t('connection.certificate'),
            value: (
              <a className="cell-mono" href={pageHref('iot', 'certificates', identity.certificateId)}>
                {shortId(identity.certificateId, 16)}
              </a>
            ),
          },
          identity && {
            label: t('connection.policy'),
            value: <a href={pageHref('iot', 'policies', identity.policyName)}>{identity.policyName}</a>,
          },
          identity && {
            label: t('connection.folder'),
            value: <code>{identity.folder}</code>,
            copy: identity.folder,
          },
        ]}
      />
      <p className="card-footnote">{t('connection.identityNote')}</p>
    </Card>
  );
}

function SubscriptionsCard({ status }: { status: MqttClientStatus | undefined }) {
  const { t } = useTranslation('mqtt');
  const subscribe = useAction('mqtt.subscribe');
  const unsubscribe = useAction('mqtt.unsubscribe');
  const [filter, setFilter] = useState(DEFAULT_FILTER);
  const [qos, setQos] = useState<MqttQos>(1);
  const subscriptions = status?.subscriptions ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!filter.trim()) return;
    void subscribe.run({ filter: filter.trim(), qos }).then((result) => {
      if (result.ok) unsubscribe.reset();
    });
  };

  return (
    <Card icon={<PlusIcon />} title={t('subscribe.title')} lead={t('subscribe.lead')}>
      <form className="form-stack" onSubmit={submit} aria-label={t('subscribe.title')}>
        <div className="subscribe-row">
          <label className="field grow">
            <span className="field-label">{t('subscribe.filter')}</span>
            <input
              className="text-input mono"
              value={filter}
              onChange={(event) => setFilter(event.target.value)}
              spellCheck={false}
            />
          </label>
          <label className="field qos-field">
            <span className="field-label">{t('qos')}</span>
            <select
              className="text-input"
              value={qos}
              onChange={(event) => setQos(event.target.value === '0' ? 0 : 1)}
            >
              <option value="0">0</option>
              <option value="1">1</option>
            </select>
          </label>
        </div>
        <span className="field-hint">{t('subscribe.hint')}</span>
        <div>
          <BusyButton type="submit" busy={subscribe.pending}>
            {t('subscribe.submit')}
          </BusyButton>
        </div>
      </form>
      <ErrorNotice error={subscribe.error ?? unsubscribe.error} />
      <div className="section">
        <h3 className="section-title">{t('subscribe.current')}</h3>
        {subscriptions.length === 0 ? (
          <p className="muted">{t('subscribe.none')}</p>
        ) : (
          <ul className="chips subscription-list" aria-label={t('subscribe.current')}>
            {subscriptions.map((subscription) => (
              <li key={subscription.filter} className="chip">
                <span>{subscription.filter}</span>
                <span className="chip-count">QoS {subscription.qos}</span>
                <button
                  type="button"
                  className="chip-button"
                  aria-label={t('subscribe.remove', { filter: subscription.filter })}
                  title={t('subscribe.remove', { filter: subscription.filter })}
                  onClick={() => void unsubscribe.run({ filter: subscription.filter })}
                >
                  <CloseIcon />
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

function PublishCard() {
  const { t, i18n } = useTranslation('mqtt');
  const publish = useAction('mqtt.publish');
  const [topic, setTopic] = useState(DEFAULT_TOPIC);
  const [qos, setQos] = useState<MqttQos>(1);
  const [payload, setPayload] = useState(DEFAULT_PAYLOAD);
  const [publishedAt, setPublishedAt] = useState<{ topic: string; at: number } | undefined>(undefined);
  const jsonError = useMemo(() => {
    try {
      JSON.parse(payload);
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }, [payload]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setPublishedAt(undefined);
    void publish.run({ topic: topic.trim(), qos, payload }).then((result) => {
      if (result.ok) setPublishedAt({ topic: topic.trim(), at: Date.now() });
    });
  };

  return (
    <Card icon={<MessagesIcon />} title={t('publish.title')} lead={t('publish.lead')}>
      <form className="form-stack" onSubmit={submit} aria-label={t('publish.title')}>
        <div className="subscribe-row">
          <label className="field grow">
            <span className="field-label">{t('publish.topic')}</span>
            <input
              className="text-input mono"
              value={topic}
              onChange={(event) => setTopic(event.target.value)}
              spellCheck={false}
            />
          </label>
          <label className="field qos-field">
            <span className="field-label">{t('qos')}</span>
            <select
              className="text-input"
              value={qos}
              onChange={(event) => setQos(event.target.value === '0' ? 0 : 1)}
            >
              <option value="0">0</option>
              <option value="1">1</option>
            </select>
          </label>
        </div>
        <div className="field">
          <span className="field-label">{t('publish.payload')}</span>
          <CodeEditor
            value={payload}
            onChange={setPayload}
            language="json"
            label={t('publish.payload')}
            description={
              jsonError === undefined ? t('publish.validJson') : t('publish.notJson', { error: jsonError })
            }
            invalid={jsonError !== undefined}
          />
          <div aria-live="polite" className="payload-status">
            {jsonError === undefined ? (
              <span className="field-ok">{t('publish.validJson')}</span>
            ) : (
              <span className="field-error">{t('publish.notJson', { error: jsonError })}</span>
            )}
            {jsonError === undefined && (
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={() => setPayload(JSON.stringify(JSON.parse(payload), null, 2))}
              >
                {t('publish.format')}
              </button>
            )}
          </div>
        </div>
        <div className="button-row">
          <BusyButton type="submit" busy={publish.pending} disabled={!topic.trim()}>
            {t('publish.submit')}
          </BusyButton>
          {publishedAt && (
            <span className="field-ok" role="status">
              {t('publish.done', {
                topic: publishedAt.topic,
                time: formatClock(i18n.language, publishedAt.at),
              })}
            </span>
          )}
        </div>
      </form>
      <ErrorNotice error={publish.error} />
    </Card>
  );
}

function MessagesCard({
  messages,
  added,
  counters,
  paused,
  onPause,
  onClear,
  onExport,
  filter,
  onFilter,
  kept,
}: {
  messages: MqttReceivedMessage[];
  added: number;
  counters: { received: number; rate: number; whilePaused: number };
  paused: boolean;
  onPause(paused: boolean): void;
  onClear(): void;
  onExport(): void;
  filter: string;
  onFilter(filter: string): void;
  kept: number;
}) {
  const { t, i18n } = useTranslation('mqtt');
  const language = i18n.language;
  return (
    <Card
      className="messages-card"
      icon={<MessagesIcon />}
      title={t('messages.title')}
      lead={t('messages.lead', { kept: formatNumber(language, KEPT_MESSAGES) })}
    >
      <div className="toolbar message-toolbar">
        <label className="field grow">
          <span className="field-label">{t('messages.filter')}</span>
          <input
            className="text-input mono"
            value={filter}
            placeholder="sensor/weather"
            onChange={(event) => onFilter(event.target.value)}
            spellCheck={false}
          />
        </label>
        <button
          type="button"
          className="button button-secondary"
          aria-pressed={paused}
          onClick={() => onPause(!paused)}
        >
          {paused ? <PlayIcon /> : <PauseIcon />}
          {paused ? t('messages.resume') : t('messages.pause')}
        </button>
        <button type="button" className="button button-secondary" onClick={onClear}>
          <TrashIcon />
          {t('messages.clear')}
        </button>
        <button type="button" className="button button-secondary" onClick={onExport}>
          <DownloadIcon />
          {t('messages.export')}
        </button>
      </div>
      <dl className="stat-grid message-stats">
        <div className="stat-tile">
          <dt>{t('messages.received')}</dt>
          <dd aria-live="off">{formatNumber(language, counters.received)}</dd>
        </div>
        <div className="stat-tile">
          <dt>{t('messages.rate')}</dt>
          <dd>{t('messages.perSecond', { rate: formatNumber(language, counters.rate) })}</dd>
        </div>
        <div className="stat-tile">
          <dt>{t('messages.kept')}</dt>
          <dd>
            {formatNumber(language, kept)} / {formatNumber(language, KEPT_MESSAGES)}
          </dd>
        </div>
      </dl>
      {paused && (
        <p className="notice notice-warning" role="status">
          {t('messages.paused', {
            count: counters.whilePaused,
            number: formatNumber(language, counters.whilePaused),
          })}
        </p>
      )}
      <MessageList messages={messages} added={added} filter={filter} />
    </Card>
  );
}
