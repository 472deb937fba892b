/** A CodeMirror 6 YAML editor; `problems` are shown as lint marks on their lines. */
import { yaml } from '@codemirror/lang-yaml';
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';

export interface YamlEditorProps {
  readonly value: string;
  readonly onChange: (v: string) => void;
  readonly problems: readonly {
    readonly from: number;
    readonly to: number;
    readonly message: string;
  }[];
  readonly dark: boolean;
  readonly label: string;
  readonly testId?: string;
}

const darkTheme = EditorView.theme(
  {
    '&': { backgroundColor: '#0f172a', color: '#e2e8f0' },
    '.cm-gutters': { backgroundColor: '#0b1120', color: '#64748b', border: 'none' },
    '.cm-activeLine': { backgroundColor: '#1e293b80' },
    '.cm-activeLineGutter': { backgroundColor: '#1e293b' },
    '.cm-cursor': { borderLeftColor: '#e2e8f0' },
  },
  { dark: true },
);

export function YamlEditor({ value, onChange, problems, dark, label, testId }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!host.current) return;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          basicSetup,
          yaml(),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current(u.state.doc.toString());
          }),
          ...(dark ? [darkTheme] : []),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once per theme; later value changes come from the editor itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dark, label]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const len = v.state.doc.length;
    const diags: Diagnostic[] = problems.map((p) => ({
      from: Math.min(p.from, len),
      to: Math.min(Math.max(p.to, p.from), len),
      severity: 'error',
      message: p.message,
    }));
    v.dispatch(setDiagnostics(v.state, diags));
  }, [problems]);

  return (
    <div
      ref={host}
      className="overflow-hidden rounded-md border border-slate-300 text-[13px] dark:border-slate-600"
      data-testid={testId}
    />
  );
}
