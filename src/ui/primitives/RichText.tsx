/** Teaching text: `backticked` spans (commands, routes, fields) as inline code; everything stays text. */
export function RichText({ text }: { readonly text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        i % 2 === 1 ? (
          <code
            key={i}
            className="rounded bg-slate-100 px-1 font-mono text-[0.92em] dark:bg-slate-800"
          >
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
