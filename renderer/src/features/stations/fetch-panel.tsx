import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationSource } from '../../api/contract';
import { DownloadIcon } from '../../components/icons';
import { Choice } from './choice';

/** What the panel fetches: the missing stations (all when none is missing), or one station. */
export type FetchTarget = { kind: 'missing' } | { kind: 'one'; stationId: string };

const MIRROR_KEY = 'iotlab.stations.mirror';

/** Where the readings come from: NOAA's archive, or a mirror folder (remembered for next time). */
export function FetchPanel({
  year,
  target,
  missing,
  allIds,
  nameOf,
  pending,
  disabled,
  onSubmit,
  onCancel,
}: {
  year: number;
  target: FetchTarget;
  missing: string[];
  allIds: string[];
  nameOf: (id: string) => string;
  pending: boolean;
  disabled: boolean;
  onSubmit: (ids: string[], source: StationSource) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('stations');
  const titleId = useId();
  const mirrorId = useId();
  const mirrorHintId = useId();
  const [kind, setKind] = useState<StationSource['kind']>(() =>
    localStorage.getItem(MIRROR_KEY) ? 'mirror' : 'noaa',
  );
  const [mirror, setMirror] = useState(() => localStorage.getItem(MIRROR_KEY) ?? '');

  const ids = target.kind === 'one' ? [target.stationId] : missing.length > 0 ? missing : allIds;
  const [first] = ids;
  const label =
    ids.length === 1 && first !== undefined
      ? t('fetch.submitOne', { name: nameOf(first) })
      : t('fetch.submitMany', { number: ids.length });
  const ready = kind === 'noaa' || mirror.trim() !== '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    if (kind === 'mirror') localStorage.setItem(MIRROR_KEY, mirror.trim());
    onSubmit(ids, kind === 'noaa' ? { kind: 'noaa' } : { kind: 'mirror', location: mirror.trim() });
  };

  return (
    <form className="fetch-panel" aria-labelledby={titleId} onSubmit={submit}>
      <h3 id={titleId} className="panel-title">
        {t('fetch.title')}
      </h3>
      <fieldset className="choices" disabled={disabled}>
        <legend className="field-label">{t('fetch.sourceLegend')}</legend>
        <Choice
          name="fetch-source"
          value="noaa"
          checked={kind === 'noaa'}
          onChange={() => setKind('noaa')}
          title={t('fetch.noaa')}
          hint={t('fetch.noaaHint')}
        />
        <Choice
          name="fetch-source"
          value="mirror"
          checked={kind === 'mirror'}
          onChange={() => setKind('mirror')}
          title={t('fetch.mirror')}
          hint={t('fetch.mirrorHint', { year })}
        />
      </fieldset>

      {kind === 'mirror' && (
        <div className="field">
          <label className="field-label" htmlFor={mirrorId}>
            {t('fetch.mirrorPath')}
          </label>
          <input
            id={mirrorId}
            className="text-input mono"
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder={t('fetch.mirrorPlaceholder')}
            aria-describedby={mirrorHintId}
            value={mirror}
            disabled={disabled}
            onChange={(event) => setMirror(event.target.value)}
          />
          <span id={mirrorHintId} className="visually-hidden">
            {t('fetch.mirrorHint', { year })}
          </span>
        </div>
      )}

      <div className="panel-actions">
        <button type="submit" className="button" disabled={disabled || !ready}>
          <DownloadIcon />
          {pending ? t('fetch.fetching') : label}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel} disabled={pending}>
          {t('fetch.cancel')}
        </button>
      </div>
    </form>
  );
}
