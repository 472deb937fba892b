/** The node picker of the inspector's rule views: which node's ruleset a Service's chains come from. */
export function NodeSelect({
  nodes,
  value,
  onChange,
}: {
  readonly nodes: readonly { readonly name: string }[];
  readonly value: string;
  readonly onChange: (node: string) => void;
}) {
  return (
    <select
      aria-label="Node"
      className="h-7 rounded border border-slate-300 bg-white px-1 text-xs dark:border-slate-600 dark:bg-slate-800"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      data-testid="svc.chains.node"
    >
      {nodes.map((n) => (
        <option key={n.name}>{n.name}</option>
      ))}
    </select>
  );
}
