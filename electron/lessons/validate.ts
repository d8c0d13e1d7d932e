import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { APP_PAGES, classifyLink, markdownParts } from './links.js';
import type { LoadedLessons } from './loader.js';
import { LessonError } from './parse.js';
import { findPlaceholders, isPlaceholderName, SAMPLE_VALUES, substituteDeep } from './placeholders.js';
import type { AutomationDefinition, CheckDefinition } from './registry-types.js';
import type { Lesson, LessonDocument } from './schema.js';

/**
 * Everything `npm run lessons:check` verifies beyond one file's schema: both languages present and
 * structurally identical, check and automation names registered, their params valid, placeholders
 * known, links and references resolving, code blocks labelled.
 */

export interface Registry {
  checks: ReadonlyMap<string, CheckDefinition>;
  automations: ReadonlyMap<string, AutomationDefinition>;
}

/** A text of the document, with the line it starts on, for error messages. */
interface Part {
  where: string;
  text: string;
  line: number | undefined;
}

function partsOf(document: LessonDocument): Part[] {
  const stepLine = (id: string) => document.lines.steps.get(id);
  const parts: Part[] = [
    { where: 'title', text: document.meta.title, line: 2 },
    ...document.meta.objectives.map((text) => ({ where: 'objectives', text, line: 2 })),
    { where: 'intro', text: document.intro, line: document.lines.intro },
  ];
  for (const step of document.meta.steps) {
    parts.push({ where: `step ${step.id}: title`, text: step.title, line: stepLine(step.id) });
    parts.push({
      where: `step ${step.id}`,
      text: document.sections.get(step.id) ?? '',
      line: document.lines.texts.get(step.id),
    });
    (step.hints ?? []).forEach((text, index) =>
      parts.push({ where: `step ${step.id}: hint ${index + 1}`, text, line: stepLine(step.id) }),
    );
    if (step.solution)
      parts.push({ where: `step ${step.id}: solution`, text: step.solution, line: stepLine(step.id) });
  }
  return parts;
}

/** The shape both languages must share: everything but the words. */
function structureOf(document: LessonDocument) {
  const { meta } = document;
  return {
    id: meta.id,
    duration: meta.duration,
    services: meta.services,
    objectives: meta.objectives.length,
    steps: meta.steps.map((step) => ({
      id: step.id,
      automation: step.automation ?? null,
      check: step.check ?? null,
      params: step.params ?? null,
      hints: step.hints?.length ?? 0,
      solution: step.solution !== undefined,
    })),
  };
}

function compareLanguages(lesson: Lesson, problems: LessonError[]): void {
  const en = structureOf(lesson.documents.en);
  const fr = structureOf(lesson.documents.fr);
  if (isDeepStrictEqual(en, fr)) return;
  const file = lesson.documents.fr.file;
  for (const key of ['duration', 'services', 'objectives'] as const) {
    if (!isDeepStrictEqual(en[key], fr[key]))
      problems.push(
        new LessonError(file, 2, `${key} differs from the English text (${JSON.stringify(en[key])})`),
      );
  }
  if (en.steps.length !== fr.steps.length) {
    problems.push(
      new LessonError(file, 2, `${fr.steps.length} steps, but the English text has ${en.steps.length}`),
    );
    return;
  }
  en.steps.forEach((step, index) => {
    const other = fr.steps[index];
    if (!other) return;
    for (const key of ['id', 'automation', 'check', 'params', 'hints', 'solution'] as const) {
      if (!isDeepStrictEqual(step[key], other[key])) {
        problems.push(
          new LessonError(
            file,
            lesson.documents.fr.lines.steps.get(other.id),
            `step ${index + 1} (${other.id}): ${key} differs from the English text (${JSON.stringify(step[key])})`,
          ),
        );
      }
    }
  });
}

function checkParams(document: LessonDocument, registry: Registry, problems: LessonError[]): void {
  for (const step of document.meta.steps) {
    const line = document.lines.steps.get(step.id);
    const at = (message: string) =>
      problems.push(new LessonError(document.file, line, `step ${step.id}: ${message}`));
    const check = step.check ? registry.checks.get(step.check) : undefined;
    const automation = step.automation ? registry.automations.get(step.automation) : undefined;
    if (step.check && !check) at(`no check is named "${step.check}" (electron/lessons/registry)`);
    if (step.automation && !automation)
      at(`no automation is named "${step.automation}" (electron/lessons/registry)`);
    const params = substituteDeep(step.params ?? {}, SAMPLE_VALUES);
    const used = new Set<string>();
    for (const [label, definition] of [
      ['check', check],
      ['automation', automation],
    ] as const) {
      if (!definition) continue;
      for (const key of Object.keys(definition.params.shape)) used.add(key);
      const parsed = definition.params.safeParse(params);
      if (!parsed.success)
        at(
          `params for the ${label} ${definition.name}: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`,
        );
    }
    if ((check || automation) && step.params) {
      for (const key of Object.keys(step.params))
        if (!used.has(key)) at(`param "${key}" is used by neither its check nor its automation`);
    }
    if (!check && !automation && step.params)
      at('params are given, but the step has neither a check nor an automation');
  }
}

function checkTexts(
  lesson: Lesson,
  document: LessonDocument,
  lessons: readonly Lesson[],
  problems: LessonError[],
): void {
  const steps = new Set(document.meta.steps.map((step) => step.id));
  for (const part of partsOf(document)) {
    const at = (offset: number, message: string) =>
      problems.push(
        new LessonError(
          document.file,
          part.line === undefined ? undefined : part.line + offset,
          `${part.where}: ${message}`,
        ),
      );
    for (const placeholder of findPlaceholders(part.text)) {
      if (!isPlaceholderName(placeholder.name))
        at(placeholder.line - 1, `unknown placeholder {{${placeholder.name}}}`);
    }
    const { links, code, html } = markdownParts(part.text);
    // The line of the first occurrence of a fragment, within the part.
    const offset = (fragment: string) =>
      Math.max(0, part.text.slice(0, Math.max(0, part.text.indexOf(fragment))).split('\n').length - 1);
    for (const href of links) {
      const link = classifyLink(href);
      const here = offset(`(${href}`);
      if (link.kind === 'invalid')
        at(
          here,
          `the link "${href}" is neither https://…, #/<page>, lesson:NN-slug[#step] nor #<step of this lesson>`,
        );
      else if (link.kind === 'page' && !(APP_PAGES as readonly string[]).includes(link.page))
        at(here, `the link "${href}" names no page of the app (${APP_PAGES.join(', ')})`);
      else if (link.kind === 'step' && !steps.has(link.stepId))
        at(here, `the link "${href}" names no step of this lesson`);
      else if (link.kind === 'lesson') {
        const target = lessons.find((candidate) => candidate.id === link.lessonId);
        if (!target) at(here, `the link "${href}" names no lesson`);
        else if (link.stepId && !target.documents.en.meta.steps.some((step) => step.id === link.stepId))
          at(here, `the link "${href}" names no step of ${target.id}`);
      }
    }
    for (const block of code)
      if (!block.lang)
        at(
          offset(`\`\`\`\n${block.text}`),
          'a code block needs a language (```sh, ```python, ```sql, ```json, ```text)',
        );
    for (const raw of html) at(offset(raw), `raw HTML is not shown to students: ${raw.slice(0, 40)}`);
  }
  if (lesson.id !== document.meta.id)
    problems.push(new LessonError(document.file, 2, `id should be ${lesson.id}`));
}

/** Every problem of every lesson; an empty list means the lessons are ready to ship. */
export function validateLessons(loaded: LoadedLessons, registry: Registry): LessonError[] {
  const problems: LessonError[] = [...loaded.problems];
  for (const lesson of loaded.lessons) {
    compareLanguages(lesson, problems);
    for (const document of Object.values(lesson.documents)) {
      checkParams(document, registry, problems);
      checkTexts(lesson, document, loaded.lessons, problems);
    }
  }
  return problems;
}
