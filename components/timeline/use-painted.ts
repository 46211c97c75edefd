'use client';

import { startTransition, useEffect, useState } from 'react';

/**
 * False while `value` is new, true once a frame has been painted with it (an animation frame,
 * then a task): parts rendered in full only then (a long table) never delay the frame that
 * shows the rest. The re-render is a transition, so input interrupts it.
 */
export function usePainted(value: unknown): boolean {
  const [painted, setPainted] = useState<{ value: unknown } | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => startTransition(() => setPainted({ value })), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [value]);
  return painted?.value === value;
}
