// Forwarding-loop detection at save time (features.md §4, 8118): cycles through numbers and schedules.

/** Where calls to a number may be sent on: every forward destination that is a number of the platform. */
export interface ForwardEdge {
  readonly to: string;
  /** What sets it, for the explanation: `unconditional`, `busy`, `noAnswer`, `schedule:営業時間#2`. */
  readonly via: string;
}

export type ForwardGraph = ReadonlyMap<string, readonly ForwardEdge[]>;

export interface Loop {
  /** The numbers in order, first = last: `["0312345001", "0312345002", "0312345001"]`. */
  readonly numbers: readonly string[];
  readonly via: readonly string[];
}

/** The first cycle reachable from `start`, or undefined. Depth-first, each node expanded once. */
export function findLoop(graph: ForwardGraph, start: string): Loop | undefined {
  const path: string[] = [];
  const vias: string[] = [];
  const onPath = new Set<string>();
  const done = new Set<string>();
  const visit = (node: string): Loop | undefined => {
    if (onPath.has(node)) {
      const from = path.indexOf(node);
      return { numbers: [...path.slice(from), node], via: vias.slice(from) };
    }
    if (done.has(node)) return undefined;
    onPath.add(node);
    path.push(node);
    for (const edge of graph.get(node) ?? []) {
      vias.push(edge.via);
      const found = visit(edge.to);
      if (found !== undefined) return found;
      vias.pop();
    }
    path.pop();
    onPath.delete(node);
    done.add(node);
    return undefined;
  };
  return visit(start);
}

/** "0312345001 →(無条件転送) 0312345002 →(話中時転送) 0312345001" */
export function describeLoop(loop: Loop, labels: Readonly<Record<string, string>> = {}): string {
  let text = loop.numbers[0] ?? "";
  loop.via.forEach((via, i) => {
    text += ` →(${labels[via] ?? via}) ${loop.numbers[i + 1] ?? ""}`;
  });
  return text;
}
