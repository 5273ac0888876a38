// Optimistic concurrency on the detail screen (api.md): each tab edits from the version it showed
// and saves with If-Match, so a save after someone else's gets 8111 instead of overwriting.
// The number's information, call settings and forwarding share one version; a save on one tab
// moves it, and the other tabs know that this move was their own user's, not someone else's.
import { createContext, use, useCallback, useState, type ReactNode } from "react";

interface VersionChain {
  /** Our own save moved the number from `from` to `to`. */
  advance(from: number, to: number): void;
  /** The version a tab that showed `version` may send: past our own saves since. */
  resolve(version: number): number;
}

const VersionChainContext = createContext<VersionChain | null>(null);

function createChain(): VersionChain {
  const moves = new Map<number, number>();
  return {
    advance(from, to) {
      moves.set(from, to);
    },
    resolve(version) {
      let current = version;
      for (let next = moves.get(current); next !== undefined && next > current; next = moves.get(current)) current = next;
      return current;
    },
  };
}

export function VersionChainProvider({ children }: { children: ReactNode }) {
  const [chain] = useState(createChain);
  return <VersionChainContext value={chain}>{children}</VersionChainContext>;
}

function useVersionChain(): VersionChain {
  const chain = use(VersionChainContext);
  if (!chain) throw new Error("useEditBase needs a VersionChainProvider");
  return chain;
}

export interface EditBase<T extends { version: number }> {
  /** What the form shows and edits from. */
  base: T;
  /** The form has unsaved changes: newer data does not replace them. */
  dirty: boolean;
  setDirty(dirty: boolean): void;
  /** The If-Match version of a save from `base`. */
  version(): number;
  /** After a save (or a reload): show `next`, forget the unsaved state. */
  rebase(next: T, savedFrom?: number): void;
}

/**
 * The data a form edits: the latest answer while the form is untouched, the one it was opened
 * with once the user has typed (`key={base.version}` on the form re-initialises it).
 */
export function useEditBase<T extends { version: number }>(latest: T): EditBase<T> {
  const chain = useVersionChain();
  const [base, setBase] = useState(latest);
  const [dirty, setDirty] = useState(false);
  if (latest.version > base.version && !dirty) setBase(latest);
  const version = useCallback(() => chain.resolve(base.version), [base.version, chain]);
  const rebase = useCallback(
    (next: T, savedFrom?: number) => {
      if (savedFrom !== undefined) chain.advance(savedFrom, next.version);
      setBase(next);
      setDirty(false);
    },
    [chain],
  );
  return { base, dirty, setDirty, version, rebase };
}
