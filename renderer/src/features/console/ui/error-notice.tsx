import type { ApiErrorInfo } from '../../../api/contract';

/** An error as AWS (or the local cloud) said it: its code, then its message. */
export function ErrorNotice({ error, className }: { error: ApiErrorInfo | undefined; className?: string }) {
  if (!error) return null;
  const showCode = error.code !== 'Error' && !error.message.startsWith(error.code);
  return (
    <p className={`notice notice-danger ${className ?? ''}`} role="alert">
      {showCode && <span className="error-code">{error.code}</span>}
      {error.message}
    </p>
  );
}
