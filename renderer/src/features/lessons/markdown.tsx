import { Marked, type Tokens } from 'marked';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { pages } from '../../app/pages';
import { CopyButton } from '../../components/copy-button';

/**
 * Lesson markdown (our own files, live values already filled in by main), rendered with marked.
 * Code blocks get a caption with their language and a copy button; links are resolved the way
 * `lessons:check` validated them (electron/lessons/links.ts): app pages, other lessons and steps,
 * external pages in a new window.
 */

const LANGUAGE_LABELS: Record<string, string> = {
  sh: 'Shell',
  bash: 'Shell',
  python: 'Python',
  sql: 'SQL',
  json: 'JSON',
  text: 'Text',
};

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

interface CodeBlock {
  language: string;
  text: string;
}

interface Rendered {
  html: string;
  blocks: CodeBlock[];
}

/** `#/lessons/<lesson>/<step>`: where lesson and step references lead. */
export function lessonHref(lessonId: string, stepId?: string): string {
  return `#/lessons/${encodeURIComponent(lessonId)}${stepId ? `/${encodeURIComponent(stepId)}` : ''}`;
}

function resolveHref(href: string, lessonId: string): { href: string; external: boolean } | undefined {
  if (/^https:\/\//.test(href)) return { href, external: true };
  const lesson = /^lesson:([\w-]+)(?:#([\w-]+))?$/.exec(href);
  if (lesson?.[1]) return { href: lessonHref(lesson[1], lesson[2]), external: false };
  const page = /^#\/([\w-]+)/.exec(href);
  if (page?.[1])
    return pages.some((candidate) => candidate.id === page[1]) ? { href, external: false } : undefined;
  const step = /^#([\w-]+)$/.exec(href);
  if (step?.[1]) return { href: lessonHref(lessonId, step[1]), external: false };
  return undefined;
}

function renderMarkdown(source: string, lessonId: string, soon: string): Rendered {
  const blocks: CodeBlock[] = [];
  const marked = new Marked({
    gfm: true,
    renderer: {
      code({ text, lang }: Tokens.Code) {
        const language = (lang ?? '').trim().split(/\s+/)[0] ?? '';
        const index = blocks.push({ language, text }) - 1;
        const label = LANGUAGE_LABELS[language] ?? language;
        return (
          `<figure class="code-block"><figcaption class="code-caption"><span>${escapeHtml(label)}</span>` +
          `<span class="code-copy" data-copy-slot="${index}"></span></figcaption>` +
          `<pre tabindex="0" data-language="${escapeHtml(language)}"><code>${escapeHtml(text)}</code></pre></figure>`
        );
      },
      link({ href, tokens }: Tokens.Link) {
        const text = this.parser.parseInline(tokens);
        const target = resolveHref(href, lessonId);
        if (!target) return `<span class="link-soon">${text} <small>${escapeHtml(soon)}</small></span>`;
        return target.external
          ? `<a href="${escapeHtml(target.href)}" target="_blank" rel="noopener noreferrer">${text}</a>`
          : `<a href="${escapeHtml(target.href)}">${text}</a>`;
      },
      // Lessons hold no raw HTML (lessons:check refuses it): anything that slips through is shown as text.
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
    },
  });
  return { html: marked.parse(source, { async: false }), blocks };
}

export function Markdown({
  source,
  lessonId,
  className,
}: {
  source: string;
  lessonId: string;
  className?: string;
}) {
  const { t } = useTranslation('lessons');
  const soon = t('pageSoon');
  const { html, blocks } = useMemo(() => renderMarkdown(source, lessonId, soon), [source, lessonId, soon]);
  const container = useRef<HTMLDivElement>(null);
  // The copy buttons are React components, mounted into the slots the HTML leaves for them.
  const [slots, setSlots] = useState<{ html: string; elements: HTMLElement[] }>({ html: '', elements: [] });
  useLayoutEffect(() => {
    const elements = [...(container.current?.querySelectorAll<HTMLElement>('[data-copy-slot]') ?? [])];
    setSlots({ html, elements });
  }, [html]);

  return (
    <>
      <div
        ref={container}
        className={`markdown ${className ?? ''}`}
        dangerouslySetInnerHTML={{ __html: html }}
      />
      {slots.html === html &&
        slots.elements.map((slot, index) => {
          const block = blocks[index];
          if (!block) return null;
          const language = LANGUAGE_LABELS[block.language] ?? block.language;
          return createPortal(
            <CopyButton
              text={block.text}
              label={t('code.copy', { language })}
              doneLabel={t('code.copied')}
              failedLabel={t('code.failed')}
            />,
            slot,
            String(index),
          );
        })}
    </>
  );
}
