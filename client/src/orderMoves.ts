import type { AuthOrderInfo } from '../../server/src/protocol';

/**
 * How a reorder (quick-pick arrows, drag and drop in the tree) changes a list of profile ids.
 * Pure (no `vscode`), unit-tested in plain Node.
 */
type ProfileIds = AuthOrderInfo['effective'];

/** `ids` with `moved` taken out and put back just before `before` (at the end when `before` is undefined or moved itself). */
export function moveBefore(ids: ProfileIds, moved: string, before: string | undefined): ProfileIds {
  if (!ids.includes(moved)) return [...ids];
  const rest = ids.filter((id) => id !== moved);
  const at = before === undefined || before === moved ? -1 : rest.indexOf(before);
  if (at < 0) return [...rest, moved];
  return [...rest.slice(0, at), moved, ...rest.slice(at)];
}

/**
 * The order after dropping `dragged` on the row of `target` (undefined: on the provider, which puts
 * it first). Dragged downwards it lands after the target, upwards before it: where the row was
 * dropped, as a list view shows it.
 */
export function orderAfterDrop(ids: ProfileIds, dragged: string, target: string | undefined): ProfileIds {
  if (target === undefined) return moveBefore(ids, dragged, ids.find((id) => id !== dragged));
  const from = ids.indexOf(dragged);
  const to = ids.indexOf(target);
  if (from < 0 || to < 0 || from === to) return [...ids];
  if (from > to) return moveBefore(ids, dragged, target);
  return moveBefore(ids, dragged, ids[to + 1]);
}
