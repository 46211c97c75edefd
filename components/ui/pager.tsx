import { Button } from './button';
import { formatCount } from './format';

/** "Rows 26–50 of 143" with Previous / Next; `label` names what is paged for assistive tech. */
export function Pager({ label, page, pageSize, total, onPage }: { label: string; page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : page * pageSize + 1;
  const last = Math.min(total, (page + 1) * pageSize);
  return (
    <nav className="pager" aria-label={label}>
      <Button onClick={() => onPage(page - 1)} disabled={page <= 0}>
        Previous
      </Button>
      <span className="pager-text">
        {formatCount(first)}–{formatCount(last)} of {formatCount(total)}
      </span>
      <Button onClick={() => onPage(page + 1)} disabled={page + 1 >= pages}>
        Next
      </Button>
    </nav>
  );
}
