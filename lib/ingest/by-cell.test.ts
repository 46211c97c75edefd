import { describe, expect, it } from 'vitest';
import { ByCell } from './by-cell';

describe('ByCell', () => {
  it('remembers an actor per first cell for the other cells it came with, among thousands of cells', () => {
    const cells = new ByCell();
    // first cells spread over large ids (every column's values share one id space)
    const firsts = Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 2_000_003);
    firsts.forEach((id, i) => cells.setActorId(id, i % 7, 1, 2, 3, i));
    firsts.forEach((id, i) => {
      expect(cells.actorId(id, i % 7, 1, 2, 3)).toBe(i);
      expect(cells.actorId(id, (i % 7) + 1, 1, 2, 3)).toBe(-1);
      expect(cells.actorId(id, i % 7, 1, 2, 4)).toBe(-1);
    });
    expect(cells.actorId(2_000_004, 0, 1, 2, 3)).toBe(-1);
    // the latest set of cells for a first cell wins
    cells.setActorId(firsts[0] as number, 6, 6, 6, 6, 42);
    expect(cells.actorId(firsts[0] as number, 6, 6, 6, 6)).toBe(42);
    expect(cells.actorId(firsts[0] as number, 0, 1, 2, 3)).toBe(-1);
    expect(cells.actorId(firsts[1] as number, 1, 1, 2, 3)).toBe(1);
  });

  it('remembers nothing for a cell without an id', () => {
    const cells = new ByCell();
    cells.setActorId(-1, 1, 2, 3, 4, 9);
    cells.setActorId(5, -1, 2, 3, 4, 9);
    expect(cells.actorId(-1, 1, 2, 3, 4)).toBe(-1);
    expect(cells.actorId(5, -1, 2, 3, 4)).toBe(-1);
    cells.setQnameId(-1, 3);
    expect(cells.qnameId(-1)).toBe(-1);
    cells.setQnameId(100_000, 0);
    expect(cells.qnameId(100_000)).toBe(0);
    expect(cells.qnameId(99_999)).toBe(-1);
  });
});
