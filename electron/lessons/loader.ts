import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LessonError, parseLessonFile } from './parse.js';
import {
  LESSON_ID,
  LESSON_LANGUAGES,
  type Lesson,
  type LessonDocument,
  type LessonLanguage,
} from './schema.js';

/** `lessons/` at the project root, from the sources (electron/lessons) and from the bundle (dist-electron/main). */
export function defaultLessonsDir(): string {
  return fileURLToPath(new URL('../../lessons/', import.meta.url));
}

export interface LoadedLessons {
  lessons: Lesson[];
  /** One per problem, each naming its file (and line when known). */
  problems: LessonError[];
}

/** Reads every `NN-slug/` folder, ordered by its numeric prefix; a broken lesson is left out and reported. */
export function loadLessons(dir: string): LoadedLessons {
  const lessons: Lesson[] = [];
  const problems: LessonError[] = [];
  if (!existsSync(dir))
    return { lessons, problems: [new LessonError(dir, undefined, 'the lessons folder does not exist')] };
  const folders = readdirSync(dir)
    .filter((name) => statSync(path.join(dir, name)).isDirectory())
    .sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));
  const numbers = new Map<number, string>();
  for (const folder of folders) {
    const relative = path.join('lessons', folder);
    const match = LESSON_ID.exec(folder);
    if (!match) {
      problems.push(
        new LessonError(
          relative,
          undefined,
          'a lesson folder is named NN-slug (two digits, then kebab-case)',
        ),
      );
      continue;
    }
    const number = Number(match[1]);
    const other = numbers.get(number);
    if (other) {
      problems.push(
        new LessonError(relative, undefined, `lesson number ${match[1]} is also used by ${other}`),
      );
      continue;
    }
    numbers.set(number, folder);
    try {
      const documents = {} as Record<LessonLanguage, LessonDocument>;
      for (const language of LESSON_LANGUAGES) {
        const file = path.join(relative, `${language}.md`);
        const full = path.join(dir, folder, `${language}.md`);
        if (!existsSync(full))
          throw new LessonError(
            file,
            undefined,
            `the ${language === 'en' ? 'English' : 'French'} text is missing`,
          );
        const document = parseLessonFile(file, language, readFileSync(full, 'utf8'));
        if (document.meta.id !== folder)
          throw new LessonError(file, 2, `id is "${document.meta.id}" but the folder is "${folder}"`);
        documents[language] = document;
      }
      lessons.push({ id: folder, number, folder: path.join(dir, folder), documents });
    } catch (error) {
      if (error instanceof LessonError) problems.push(error);
      else throw error;
    }
  }
  return { lessons, problems };
}
