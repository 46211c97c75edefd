/** Text cut to its box with an ellipsis; the whole value is in the title. Always plain text. */
export function Truncated({ text, className }: { text: string; className?: string }) {
  return (
    <span className={className ? `truncate ${className}` : 'truncate'} title={text}>
      {text}
    </span>
  );
}
