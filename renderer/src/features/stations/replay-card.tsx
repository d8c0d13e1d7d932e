import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ApiResult,
  DefaultReplayTopic,
  ReplayPace,
  ReplayState,
  ReplayStatus,
  ReplayTimestamps,
  StationsOverview,
} from '../../api/contract';
import { useAction } from '../../api/hooks';
import { PauseIcon, PlayIcon, StopIcon } from '../../components/icons';
import { StatusPill, type Tone } from '../../components/status-pill';
import { formatDuration, formatNumber, SPEEDUP_STOPS } from './format';
import { Choice } from './choice';
import { StepLabel } from './step-label';

const DEFAULT_TOPIC: DefaultReplayTopic = 'sensor/weather';
/** ×1,200: an hour of readings in three seconds, a day in about a minute. */
const DEFAULT_STOP = SPEEDUP_STOPS.indexOf(1200);
const SECONDS_PER_YEAR = 365 * 86_400;

export function replayTone(state: ReplayState): Tone {
  switch (state) {
    case 'running':
      return 'success';
    case 'paused':
    case 'stopping':
      return 'warning';
    case 'finished':
      return 'info';
    case 'idle':
    case 'stopped':
      return 'neutral';
  }
}

function Field({
  label,
  hint,
  children,
}: {
  label: string;
  hint?: string;
  children: (ids: { id: string; hintId?: string }) => ReactNode;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children({ id, hintId: hint ? hintId : undefined })}
      {hint && (
        <span id={hintId} className="field-hint">
          {hint}
        </span>
      )}
    </div>
  );
}

/** Step 3: how to replay (pace, timestamps, topic, loop) and the Start, Pause/Resume, Stop controls. */
export function ReplayCard({
  overview,
  status,
  cloudRunning,
  busy,
  onStatus,
}: {
  overview: StationsOverview;
  status: ReplayStatus | undefined;
  cloudRunning: boolean;
  /** A fetch is replacing station files. */
  busy: boolean;
  onStatus: (status: ReplayStatus) => void;
}) {
  const { t, i18n } = useTranslation('stations');
  const language = i18n.language;
  const titleId = useId();
  const [paceKind, setPaceKind] = useState<ReplayPace['kind']>('lab');
  const [stop, setStop] = useState(DEFAULT_STOP);
  const [timestamps, setTimestamps] = useState<ReplayTimestamps>('recorded');
  const [loop, setLoop] = useState(false);
  const [topic, setTopic] = useState<string>(DEFAULT_TOPIC);
  const [limit, setLimit] = useState('');
  const start = useAction('replay.start');
  const pause = useAction('replay.pause');
  const resume = useAction('replay.resume');
  const stopAction = useAction('replay.stop');
  // The button pressed becomes disabled: keyboard focus moves to the control that makes sense next.
  const startRef = useRef<HTMLButtonElement>(null);
  const pauseRef = useRef<HTMLButtonElement>(null);
  const focusNext = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    const button = focusNext.current;
    if (button && !button.disabled) {
      button.focus();
      focusNext.current = null;
    }
  });

  const state = status?.state ?? 'idle';
  const active = state === 'running' || state === 'paused' || state === 'stopping';
  const controllable = state === 'running' || state === 'paused';
  const factor = SPEEDUP_STOPS[stop] ?? SPEEDUP_STOPS[DEFAULT_STOP] ?? 1200;
  const limitValue = limit.trim() === '' ? undefined : Number(limit);
  const limitValid = limitValue === undefined || (Number.isInteger(limitValue) && limitValue >= 1);

  const blocker = !cloudRunning
    ? t('replay.cloudDown')
    : !overview.stations.every((station) => station.data.present)
      ? t('replay.needsData')
      : !overview.fleetReady
        ? t('replay.needsFleet')
        : undefined;

  const apply = (result: ApiResult<ReplayStatus>, next?: HTMLButtonElement | null) => {
    if (!result.ok) return;
    onStatus(result.value);
    // Focused once a render has enabled it (see the effect above).
    if (next) focusNext.current = next;
  };
  const errors = [start.error, pause.error, resume.error, stopAction.error].filter(
    (error) => error !== undefined,
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (active || blocker || !limitValid) return;
    for (const action of [pause, resume, stopAction]) action.reset();
    const pace: ReplayPace = paceKind === 'speedup' ? { kind: 'speedup', factor } : { kind: paceKind };
    apply(
      await start.run({
        pace,
        timestamps,
        loop,
        topic: topic.trim() || DEFAULT_TOPIC,
        ...(limitValue !== undefined && { limit: limitValue }),
        year: overview.year,
      }),
      pauseRef.current,
    );
  };

  const factorText = t('replay.factorValue', { factor: formatNumber(language, factor) });
  return (
    <section className="card replay-card" aria-labelledby={titleId}>
      <header className="card-header">
        <span className="card-icon" aria-hidden="true">
          <PlayIcon />
        </span>
        <div>
          <StepLabel number={3} />
          <h2 id={titleId}>{t('replay.title')}</h2>
          <p className="card-lead">{t('replay.lead')}</p>
        </div>
        <span role="status" aria-label={t('replay.stateLabel')} className="replay-state">
          <StatusPill tone={replayTone(state)} pulse={state === 'running' || state === 'stopping'}>
            {t(`replay.state.${state}`)}
          </StatusPill>
        </span>
      </header>

      <form className="replay-form" onSubmit={submit}>
        <fieldset className="replay-settings" disabled={active}>
          <fieldset className="choices choices-row">
            <legend className="field-label">{t('replay.pace')}</legend>
            <Choice
              name="replay-pace"
              value="lab"
              checked={paceKind === 'lab'}
              onChange={() => setPaceKind('lab')}
              title={t('replay.paceLab')}
              hint={t('replay.paceLabHint')}
            />
            <Choice
              name="replay-pace"
              value="speedup"
              checked={paceKind === 'speedup'}
              onChange={() => setPaceKind('speedup')}
              title={t('replay.paceSpeedup')}
              hint={t('replay.paceSpeedupHint')}
            />
            <Choice
              name="replay-pace"
              value="max"
              checked={paceKind === 'max'}
              onChange={() => setPaceKind('max')}
              title={t('replay.paceMax')}
              hint={t('replay.paceMaxHint')}
            />
          </fieldset>

          {paceKind === 'speedup' && (
            <Field
              label={t('replay.factor')}
              hint={t('replay.factorHint', {
                hour: formatDuration(language, 3600 / factor),
                year: formatDuration(language, SECONDS_PER_YEAR / factor),
              })}
            >
              {({ id, hintId }) => (
                <div className="slider">
                  <input
                    id={id}
                    type="range"
                    min={0}
                    max={SPEEDUP_STOPS.length - 1}
                    step={1}
                    value={stop}
                    aria-valuetext={factorText}
                    aria-describedby={hintId}
                    onChange={(event) => setStop(Number(event.target.value))}
                  />
                  <output htmlFor={id} className="slider-value">
                    {factorText}
                  </output>
                </div>
              )}
            </Field>
          )}

          <fieldset className="choices choices-row choices-two">
            <legend className="field-label">{t('replay.timestamps')}</legend>
            <Choice
              name="replay-timestamps"
              value="recorded"
              checked={timestamps === 'recorded'}
              onChange={() => setTimestamps('recorded')}
              title={t('replay.recorded')}
              hint={t('replay.recordedHint', { year: overview.year })}
            />
            <Choice
              name="replay-timestamps"
              value="now"
              checked={timestamps === 'now'}
              onChange={() => setTimestamps('now')}
              title={t('replay.now')}
              hint={t('replay.nowHint')}
            />
          </fieldset>

          <div className="field-row">
            <Field label={t('replay.topic')}>
              {({ id }) => (
                <input
                  id={id}
                  className="text-input mono"
                  type="text"
                  spellCheck={false}
                  autoComplete="off"
                  value={topic}
                  onChange={(event) => setTopic(event.target.value)}
                />
              )}
            </Field>
            <Field label={t('replay.limit')} hint={t('replay.limitHint')}>
              {({ id, hintId }) => (
                <input
                  id={id}
                  className="text-input"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  step={1}
                  placeholder={t('replay.limitPlaceholder')}
                  aria-describedby={hintId}
                  aria-invalid={!limitValid}
                  value={limit}
                  onChange={(event) => setLimit(event.target.value)}
                />
              )}
            </Field>
          </div>

          <label className="checkbox">
            <input type="checkbox" checked={loop} onChange={(event) => setLoop(event.target.checked)} />
            {t('replay.loop')}
          </label>
        </fieldset>

        <div className="replay-actions">
          <button
            ref={startRef}
            type="submit"
            className="button"
            disabled={active || blocker !== undefined || busy || !limitValid || start.pending}
          >
            <PlayIcon />
            {t('replay.start')}
          </button>
          {/* One button that turns into Resume; never disabled while its request runs, so it keeps the focus. */}
          <button
            ref={pauseRef}
            type="button"
            className="button button-secondary"
            disabled={!controllable}
            aria-busy={pause.pending || resume.pending}
            onClick={async () => {
              if (pause.pending || resume.pending) return;
              apply(await (state === 'paused' ? resume.run() : pause.run()));
            }}
          >
            {state === 'paused' ? <PlayIcon /> : <PauseIcon />}
            {state === 'paused' ? t('replay.resume') : t('replay.pause')}
          </button>
          <button
            type="button"
            className="button button-danger"
            disabled={!controllable || stopAction.pending}
            onClick={async () => apply(await stopAction.run(), startRef.current)}
          >
            <StopIcon />
            {t('replay.stop')}
          </button>
        </div>
        {blocker && !active && <p className="replay-blocker">{blocker}</p>}
        {errors.map((error) => (
          <p key={`${error.code}:${error.message}`} className="notice notice-danger" role="alert">
            {error.message}
          </p>
        ))}
      </form>
    </section>
  );
}
