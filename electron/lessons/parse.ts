import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { lessonFrontMatter, type LessonDocument, type LessonLanguage } from './schema.js';

/** A problem in a lesson file, located for the author: `lessons/03-s3-rule/en.md:12: …`. */
export class LessonError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly detail: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${detail}`);
    this.name = 'LessonError';
  }
}

/** `<!-- step: create-bucket -->` on a line of its own opens a step's section. */
const STEP_MARKER = /^<!--\s*step:\s*([^\s>]+)\s*-->\s*$/;
/** Anything that looks like a marker but is not one is reported rather than shown to students. */
const LOOSE_MARKER = /^<!--\s*step\b/;
const FENCE = /^\s*(```|~~~)/;

/** The YAML node at a zod issue's path, for its line; the closest existing parent otherwise. */
function lineOfPath(
  document: ReturnType<typeof parseDocument>,
  path: readonly PropertyKey[],
  counter: LineCounter,
  offset: number,
): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length) as unknown[], true) as Node | undefined;
    if (node && (node.range || isMap(node) || isSeq(node)) && node.range) {
      return counter.linePos(node.range[0]).line + offset;
    }
  }
  return undefined;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/**
 * Splits one lesson file into its front matter (validated) and its markdown: the intro, then one
 * section per step marker. Throws a LessonError naming the file and line of the first problem.
 */
export function parseLessonFile(file: string, language: LessonLanguage, source: string): LessonDocument {
  const text = source.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  if (lines[0]?.trim() !== '---')
    throw new LessonError(file, 1, 'a lesson starts with YAML front matter between two --- lines');
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) throw new LessonError(file, 1, 'the front matter is not closed by a --- line');

  const counter = new LineCounter();
  const yamlText = lines.slice(1, end).join('\n');
  const document = parseDocument(yamlText, { lineCounter: counter, prettyErrors: true });
  const [yamlError] = document.errors;
  if (yamlError) {
    const line = yamlError.linePos?.[0].line;
    throw new LessonError(
      file,
      line === undefined ? undefined : line + 1,
      `YAML: ${(yamlError.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  }
  const parsed = lessonFrontMatter.safeParse(document.toJS());
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    if (!issue) throw new LessonError(file, 2, 'the front matter is not valid');
    throw new LessonError(file, lineOfPath(document, issue.path, counter, 1), describeIssue(issue));
  }

  // The body: the intro until the first marker, then a section per marker (fenced code excluded).
  const sections = new Map<string, string>();
  const sectionLines = new Map<string, number>();
  const textLines = new Map<string, number>();
  let current: string | undefined;
  let buffer: string[] = [];
  let bufferStart = end + 2;
  let intro = '';
  let introLine = end + 2;
  let inFence = false;
  const flush = () => {
    const body = buffer.join('\n').trim();
    // Where the text itself starts, after the blank lines that trim() removed.
    const leading = buffer.findIndex((line) => line.trim() !== '');
    const start = bufferStart + Math.max(0, leading);
    if (current === undefined) {
      intro = body;
      introLine = start;
    } else {
      sections.set(current, body);
      textLines.set(current, start);
    }
    buffer = [];
  };
  for (let index = end + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (FENCE.test(line)) inFence = !inFence;
    const marker = inFence ? null : STEP_MARKER.exec(line);
    if (marker) {
      const id = marker[1] ?? '';
      if (sections.has(id) || current === id)
        throw new LessonError(file, index + 1, `the step marker "${id}" appears twice`);
      flush();
      current = id;
      sectionLines.set(id, index + 1);
      bufferStart = index + 2;
      continue;
    }
    if (!inFence && LOOSE_MARKER.test(line))
      throw new LessonError(
        file,
        index + 1,
        'a step marker is written <!-- step: <step id> --> on a line of its own',
      );
    buffer.push(line);
  }
  if (inFence) throw new LessonError(file, lines.length, 'a code block is not closed (```)');
  flush();

  const meta = parsed.data;
  const declared = meta.steps.map((step) => step.id);
  const seen = new Set<string>();
  for (const step of meta.steps) {
    if (seen.has(step.id))
      throw new LessonError(
        file,
        lineOfPath(document, ['steps'], counter, 1),
        `two steps have the id "${step.id}"`,
      );
    seen.add(step.id);
  }
  for (const [id, line] of sectionLines) {
    if (!seen.has(id))
      throw new LessonError(
        file,
        line,
        `the step marker "${id}" names no step of the front matter (${declared.join(', ')})`,
      );
  }
  const order = [...sectionLines.keys()];
  meta.steps.forEach((step, index) => {
    if (!sectionLines.has(step.id))
      throw new LessonError(
        file,
        undefined,
        `step "${step.id}" has no section: add <!-- step: ${step.id} --> before its instructions`,
      );
    if (order[index] !== step.id)
      throw new LessonError(
        file,
        sectionLines.get(step.id),
        `the step sections are not in the front matter's order (${declared.join(', ')})`,
      );
    if ((sections.get(step.id) ?? '') === '')
      throw new LessonError(file, sectionLines.get(step.id), `step "${step.id}" has no instructions`);
  });
  if (intro === '')
    throw new LessonError(file, introLine, 'the lesson needs an introduction before its first step');

  const stepLines = new Map(
    meta.steps.map((step, index) => [step.id, lineOfPath(document, ['steps', index], counter, 1) ?? 2]),
  );
  return {
    file,
    language,
    meta,
    intro,
    sections,
    lines: { intro: introLine, sections: sectionLines, texts: textLines, steps: stepLines },
  };
}
