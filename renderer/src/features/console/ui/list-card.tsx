import type { ReactNode } from 'react';
import type { ApiErrorInfo } from '../../../api/contract';
import { CreateButton, RefreshButton } from './buttons';
import { Card } from './card';
import { ErrorNotice } from './error-notice';

/** A list of resources in a card: ↻ and create in its header, the error that stopped the list, the list. */
export function ListCard({
  icon,
  title,
  lead,
  list,
  create,
  children,
}: {
  icon: ReactNode;
  title: string;
  lead?: ReactNode;
  /** The list's query (`useCloudQuery`): its error is shown, ↻ reloads it. */
  list: { error: ApiErrorInfo | undefined; reload(): void };
  create?: { label: string; onClick(): void; compact?: boolean };
  children: ReactNode;
}) {
  return (
    <Card
      icon={icon}
      title={title}
      lead={lead}
      actions={
        <>
          <RefreshButton onClick={list.reload} />
          {create && <CreateButton {...create} />}
        </>
      }
    >
      <ErrorNotice error={list.error} />
      {children}
    </Card>
  );
}
