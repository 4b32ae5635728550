/**
 * Shows a finding's context with the offending part marked. The server sends the context already
 * masked (an ID number reads 3301**********1234), so the marked text never re-exposes the value.
 */
export function HighlightedSnippet({ context, needle }: { context: string; needle: string }) {
  const at = needle ? context.indexOf(needle) : -1;
  if (at < 0) {
    return <span className="gk-snippet">{context || needle}</span>;
  }
  return (
    <span className="gk-snippet">
      {context.slice(0, at)}
      <mark style={{ background: '#ffd8bf', padding: '0 2px', borderRadius: 2 }}>{needle}</mark>
      {context.slice(at + needle.length)}
    </span>
  );
}
