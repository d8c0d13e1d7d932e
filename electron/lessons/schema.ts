import { z } from 'zod';

/**
 * The lesson format (STYLE.md #6: content is data, validated like code). A lesson is a folder
 * `lessons/NN-slug/` holding `en.md` and `fr.md`: YAML front matter checked by `lessonFrontMatter`,
 * then markdown whose step sections open with `<!-- step: <id> -->` (see `parse.ts`).
 */

export const LESSON_LANGUAGES = ['en', 'fr'] as const;
export type LessonLanguage = (typeof LESSON_LANGUAGES)[number];

/** The AWS services a lesson touches, shown as badges. */
export const LESSON_SERVICES = ['iot', 's3', 'firehose', 'dynamodb', 'glue', 'athena', 'sts'] as const;
export type LessonServiceName = (typeof LESSON_SERVICES)[number];

/** `NN-slug`: the numeric prefix orders the lessons. */
export const LESSON_ID = /^(\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const STEP_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Registry names are kebab-case, like the modules they live in. */
const REGISTRY_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const text = z.string().trim().min(1, { error: 'must not be empty' });

export const lessonStep = z.strictObject({
  id: z.string().regex(STEP_ID, { error: 'a step id is kebab-case: lowercase letters, digits and hyphens' }),
  title: text,
  /** Tiered hints, revealed one at a time: the first nudges, the last nearly gives it away. */
  hints: z.array(text).min(1).optional(),
  solution: text.optional(),
  /** A registered automation ("Do it for me"). */
  automation: z.string().regex(REGISTRY_NAME).optional(),
  /** A registered check ("Check my work"). Without one, the student marks the step as done. */
  check: z.string().regex(REGISTRY_NAME).optional(),
  /**
   * Given to the check and the automation, after placeholder substitution; each registry entry
   * validates its own part with its zod schema.
   */
  params: z.record(z.string(), z.unknown()).optional(),
});
export type LessonStep = z.infer<typeof lessonStep>;

export const lessonFrontMatter = z.strictObject({
  id: z.string().regex(LESSON_ID, { error: 'a lesson id is NN-slug, e.g. 03-s3-rule' }),
  title: text,
  objectives: z.array(text).min(1),
  /** Minutes. */
  duration: z.number().int().min(1).max(600),
  services: z.array(z.enum(LESSON_SERVICES)).min(1),
  steps: z.array(lessonStep).min(1),
});
export type LessonFrontMatter = z.infer<typeof lessonFrontMatter>;

/** One language of a lesson, parsed: front matter plus the markdown of its intro and each step. */
export interface LessonDocument {
  file: string;
  language: LessonLanguage;
  meta: LessonFrontMatter;
  /** Markdown before the first step marker. */
  intro: string;
  /** Step id → its instructions (markdown), in the order of the markers. */
  sections: Map<string, string>;
  /** Where each part starts in the file (1-based), for error messages. */
  lines: {
    intro: number;
    /** The step markers. */
    sections: Map<string, number>;
    /** The first line of each step's text. */
    texts: Map<string, number>;
    /** Each step in the front matter. */
    steps: Map<string, number>;
  };
}

/** A lesson folder with both languages. */
export interface Lesson {
  id: string;
  /** The numeric prefix. */
  number: number;
  folder: string;
  documents: Record<LessonLanguage, LessonDocument>;
}
