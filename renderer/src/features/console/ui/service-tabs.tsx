import { pageHref } from '../../../app/use-route';

/** A service's sections as links (each has its own address, so lessons can point at one). */
export function ServiceTabs({
  label,
  pageId,
  tabs,
  current,
}: {
  label: string;
  pageId: string;
  tabs: ReadonlyArray<{ id: string; label: string }>;
  current: string;
}) {
  return (
    <nav className="service-tabs" aria-label={label}>
      {tabs.map((tab) => (
        <a
          key={tab.id}
          href={pageHref(pageId, tab.id)}
          aria-current={tab.id === current ? 'page' : undefined}
        >
          {tab.label}
        </a>
      ))}
    </nav>
  );
}

/** The tab a path's section names, else the first. */
export function tabOf<Tab extends string>(tabs: readonly [Tab, ...Tab[]], section: string | undefined): Tab {
  return tabs.find((tab) => tab === section) ?? tabs[0];
}
