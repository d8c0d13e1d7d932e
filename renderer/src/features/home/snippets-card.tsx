import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CloudEndpoints } from '../../api/contract';
import { CopyButton } from '../../components/copy-button';
import { TerminalIcon } from '../../components/icons';
import { useCopyLabels } from './copy-labels';
import { awsCliSnippet, boto3Snippet } from './snippets';

function Snippet({ title, language, code }: { title: string; language: string; code: string }) {
  const id = useId();
  const copyLabels = useCopyLabels(title);
  return (
    <figure className="snippet" aria-labelledby={id}>
      <figcaption className="snippet-caption">
        <span id={id}>{title}</span>
        <CopyButton text={code} {...copyLabels} />
      </figcaption>
      <pre className="snippet-code" tabIndex={0} data-language={language}>
        <code>{code}</code>
      </pre>
    </figure>
  );
}

/** Copy-able ways to reach the local cloud from outside the app. */
export function SnippetsCard({ endpoints, platform }: { endpoints: CloudEndpoints; platform: string }) {
  const { t } = useTranslation('home');
  return (
    <section className="card snippets-card" aria-labelledby="snippets-card-title">
      <header className="card-header">
        <span className="card-icon" aria-hidden="true">
          <TerminalIcon />
        </span>
        <div>
          <h2 id="snippets-card-title">{t('snippets.title')}</h2>
          <p className="card-lead">{t('snippets.lead')}</p>
        </div>
      </header>
      <div className="snippets">
        <Snippet
          title={t('snippets.cli')}
          language={platform === 'win32' ? 'powershell' : 'shell'}
          code={awsCliSnippet(endpoints, platform)}
        />
        <Snippet title={t('snippets.boto3')} language="python" code={boto3Snippet(endpoints)} />
      </div>
    </section>
  );
}
