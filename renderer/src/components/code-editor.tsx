import { closeBrackets } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { sql, type SQLConfig } from '@codemirror/lang-sql';
import { bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import { EditorView, drawSelection, highlightActiveLine, lineNumbers, placeholder } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';
import { useEffect, useRef, useState, type RefObject } from 'react';

export type CodeLanguage = 'json' | 'sql';

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  language: CodeLanguage;
  /** The editor's accessible name. */
  label: string;
  /** What the content's state is (valid, or the error), read with the editor. */
  description?: string;
  invalid?: boolean;
  placeholderText?: string;
  size?: 'small' | 'large';
  /** SQL only: the dialect, and the schema its completion offers (databases, tables, columns). */
  sqlConfig?: SQLConfig;
  /** More extensions (key bindings, completion); replaced when their identity changes. */
  extensions?: Extension;
  /** Receives the editor, for callers that read the selection or move the cursor. */
  viewRef?: RefObject<EditorView | null>;
}

const languages: Record<CodeLanguage, (config?: SQLConfig) => Extension> = {
  json: () => json(),
  sql: (config) => sql(config),
};

/**
 * The app's look for CodeMirror, from the page's CSS variables (they cross the shadow root, and
 * follow the light and dark themes). Token colours: `classHighlighter`'s `tok-*` classes.
 */
const appearance = EditorView.theme({
  '&': { backgroundColor: 'var(--code-bg)', color: 'var(--code-text)', fontSize: '13px' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-gutters': {
    backgroundColor: 'var(--surface-2)',
    color: 'var(--text-subtle)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent-soft) 45%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--accent-soft)', color: 'var(--accent-strong)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': {
    backgroundColor: 'color-mix(in srgb, var(--accent) 28%, transparent)',
  },
  '.cm-matchingBracket, &.cm-focused .cm-matchingBracket': {
    backgroundColor: 'color-mix(in srgb, var(--success) 25%, transparent)',
    outline: 'none',
  },
  '.cm-placeholder': { color: 'var(--text-subtle)' },
  '.tok-keyword': { color: 'var(--tok-keyword)', fontWeight: '600' },
  '.tok-string, .tok-string2': { color: 'var(--tok-string)' },
  '.tok-number, .tok-bool, .tok-atom': { color: 'var(--tok-number)' },
  '.tok-propertyName': { color: 'var(--tok-keyword)' },
  '.tok-operator, .tok-punctuation': { color: 'var(--text-muted)' },
  '.tok-comment': { color: 'var(--text-subtle)', fontStyle: 'italic' },
  '.tok-typeName': { color: 'var(--tok-type)' },
});

/**
 * Typing over a selection: Chromium's own editing would first wrap the text in a `<span style>` to
 * keep the replaced tokens' colours, which the CSP refuses (and reports). The editor inserts the
 * text itself instead, as it does for every other change.
 */
const replaceSelectionOnInput = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' || event.data === null || view.state.selection.main.empty)
      return false;
    event.preventDefault();
    view.dispatch(view.state.replaceSelection(event.data), { scrollIntoView: true, userEvent: 'input.type' });
    return true;
  },
});

const sizes = {
  small: EditorView.theme({ '.cm-content, .cm-gutter': { minHeight: '96px' } }),
  large: EditorView.theme({
    '.cm-content, .cm-gutter': { minHeight: '260px' },
    '.cm-scroller': { maxHeight: '440px' },
  }),
};

/**
 * CodeMirror 6 for JSON (policies, payloads) and SQL (rules). It lives in a shadow root: there
 * CodeMirror's own styles go in a constructed stylesheet, which the page's CSP (`style-src
 * 'self'`) allows, where a `<style>` element in the document would be refused. Tab leaves the
 * editor (no keyboard trap).
 */
export function CodeEditor({
  value,
  onChange,
  language,
  label,
  description,
  invalid,
  placeholderText,
  size = 'small',
  sqlConfig,
  extensions,
  viewRef,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  const latest = useRef(value);
  const config = useRef({ sqlConfig, extensions });
  // Reconfigured in place: a new schema or key binding keeps the document, cursor and undo history.
  const [languageSlot] = useState(() => new Compartment());
  const [extraSlot] = useState(() => new Compartment());
  useEffect(() => {
    changed.current = onChange;
    latest.current = value;
    config.current = { sqlConfig, extensions };
  });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    const editor = new EditorView({
      root,
      parent: root,
      state: EditorState.create({
        doc: latest.current,
        extensions: [
          lineNumbers(),
          drawSelection(),
          highlightActiveLine(),
          bracketMatching(),
          closeBrackets(),
          syntaxHighlighting(classHighlighter),
          EditorView.lineWrapping,
          appearance,
          replaceSelectionOnInput,
          sizes[size],
          languageSlot.of(languages[language](config.current.sqlConfig)),
          extraSlot.of(config.current.extensions ?? []),
          placeholder(placeholderText ?? ''),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) changed.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    if (viewRef) viewRef.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
      if (viewRef) viewRef.current = null;
    };
  }, [language, label, placeholderText, size, viewRef, languageSlot, extraSlot]);

  useEffect(() => {
    view.current?.dispatch({
      effects: [
        languageSlot.reconfigure(languages[language](sqlConfig)),
        extraSlot.reconfigure(extensions ?? []),
      ],
    });
  }, [language, sqlConfig, extensions, languageSlot, extraSlot]);

  // A value set from outside (a template, "Format") replaces the document.
  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const current = editor.state.doc.toString();
    if (current !== value) editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value]);

  // aria-describedby cannot reach out of a shadow root: the description travels as text.
  useEffect(() => {
    const content = view.current?.contentDOM;
    if (!content) return;
    if (description) content.setAttribute('aria-description', description);
    else content.removeAttribute('aria-description');
    content.setAttribute('aria-invalid', invalid ? 'true' : 'false');
  }, [description, invalid]);

  return <div ref={host} className="code-editor" data-invalid={invalid ? 'true' : undefined} />;
}
