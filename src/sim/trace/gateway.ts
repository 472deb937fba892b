/** A node's default gateway (its `default via` route). */
import type { DerivedNode } from '../derive/types';

export function gatewayOf(node: DerivedNode, family: 4 | 6 = 4): string | undefined {
  return node.routes.find((r) => r.dst === 'default' && r.family === family)?.via;
}
