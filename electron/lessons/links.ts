import { marked, type Token, type Tokens } from 'marked';

/**
 * Links lessons may hold, and how they resolve:
 * - `https://…`: an external page (opened in the browser);
 * - `#/<page>` (and further segments): a page of the app, e.g. `#/stations`;
 * - `lesson:NN-slug` or `lesson:NN-slug#step-id`: another lesson, or one of its steps;
 * - `#step-id`: a step of the same lesson.
 */

/** The app's pages, present and announced (DESIGN.md's features): links to others are refused. */
export const APP_PAGES = [
  'home',
  'stations',
  'lessons',
  'mqtt',
  'console',
  'iot',
  's3',
  'firehose',
  'dynamodb',
  'glue',
  'athena',
  'sql',
  'charts',
  'settings',
] as const;

export type LessonLink =
  | { kind: 'external'; href: string }
  | { kind: 'page'; page: string; href: string }
  | { kind: 'lesson'; lessonId: string; stepId?: string; href: string }
  | { kind: 'step'; stepId: string; href: string }
  | { kind: 'invalid'; href: string };

export function classifyLink(href: string): LessonLink {
  if (/^https:\/\/[^\s]+$/.test(href)) return { kind: 'external', href };
  const page = /^#\/([a-z0-9-]+)(?:\/.*)?$/.exec(href);
  if (page?.[1]) return { kind: 'page', page: page[1], href };
  const lesson = /^lesson:(\d{2}-[a-z0-9-]+)(?:#([a-z0-9-]+))?$/.exec(href);
  if (lesson?.[1])
    return { kind: 'lesson', lessonId: lesson[1], ...(lesson[2] ? { stepId: lesson[2] } : {}), href };
  const step = /^#([a-z0-9-]+)$/.exec(href);
  if (step?.[1]) return { kind: 'step', stepId: step[1], href };
  return { kind: 'invalid', href };
}

export interface MarkdownParts {
  links: string[];
  code: Array<{ lang: string; text: string }>;
  /** Raw HTML, which lessons do not use (the renderer would not show it). */
  html: string[];
}

export function markdownParts(markdown: string): MarkdownParts {
  const parts: MarkdownParts = { links: [], code: [], html: [] };
  marked.walkTokens(marked.lexer(markdown), (token: Token) => {
    if (token.type === 'link' || token.type === 'image') parts.links.push((token as Tokens.Link).href);
    else if (token.type === 'code')
      parts.code.push({ lang: (token as Tokens.Code).lang ?? '', text: (token as Tokens.Code).text });
    else if (token.type === 'html') parts.html.push((token as Tokens.HTML).raw.trim());
  });
  return parts;
}
